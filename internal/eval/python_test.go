package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// requirePython returns the path of python3, skipping the test when there
// is none, or failing it when FARSIGHT_TEST_PYTHON_REQUIRED=1.
func requirePython(t *testing.T) string {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("FARSIGHT_TEST_PYTHON_REQUIRED") == "1" {
			t.Fatalf("python3 not found and FARSIGHT_TEST_PYTHON_REQUIRED=1: %v", err)
		}
		t.Skipf("python3 not found (%v); set FARSIGHT_TEST_PYTHON_REQUIRED=1 to make this a failure", err)
	}
	return python
}

// pythonVersion returns python's "major.minor" version.
func pythonVersion(t *testing.T, python string) string {
	t.Helper()
	out, err := exec.Command(python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])").Output()
	if err != nil {
		t.Fatalf("%s: %v", python, err)
	}
	return strings.TrimSpace(string(out))
}

// pyJSONCompat returns a function that prepares score.py and Go outputs for
// comparison: the identity with CPython 3.11, whose json error messages
// pyLoads reproduces, and loosen with other versions.
func pyJSONCompat(t *testing.T, python string) func(string) string {
	t.Helper()
	if v := pythonVersion(t, python); v != "3.11" {
		t.Logf("python3 is %s, not 3.11: JSON error messages are not compared", v)
		return loosen
	}
	return func(s string) string { return s }
}

// TestPythonFixtures runs testdata/score.py on the fixtures and compares its
// output with ours, including the error messages for invalid gold files.
func TestPythonFixtures(t *testing.T) {
	python := requirePython(t)
	compat := pyJSONCompat(t, python)
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			wantJSON, _, code := runScorePy(t, python, f.gold, f.pred, "--json")
			wantTable, _, code2 := runScorePy(t, python, f.gold, f.pred)
			if code != 0 || code2 != 0 {
				t.Fatalf("score.py exit status %d, %d", code, code2)
			}
			gotJSON, gotTable := runGo(t, f.gold, f.pred)
			compareJSON(t, f.name, compat(wantJSON), compat(gotJSON))
			compareText(t, f.name, compat(wantTable), compat(gotTable))
		})
	}
	for _, name := range badGoldFixtures() {
		t.Run(name, func(t *testing.T) {
			path := "testdata/" + name + ".jsonl"
			_, stderr, code := runScorePy(t, python, path, "testdata/pred_empty.jsonl")
			if code != 2 {
				t.Errorf("score.py exit status %d, want 2", code)
			}
			if got := goldErrorText(t, path); compat(got) != compat(stderr) {
				t.Errorf("got %q, want %q", got, stderr)
			}
		})
	}
}

// pyDriver imports score.py once and runs its main() on many prediction
// files, writing each file's table and JSON output next to it. print_table
// binds sys.stdout when score.py is imported, so stdout is swapped for a
// proxy first.
const pyDriver = `
import importlib.util, io, sys
class Proxy:
    buf = None
    def write(self, s):
        return self.buf.write(s)
    def flush(self):
        pass
proxy = Proxy()
sys.stdout = proxy
spec = importlib.util.spec_from_file_location("score", sys.argv[1])
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)
gold = sys.argv[2]
for pred in open(sys.argv[3], encoding="utf-8").read().split("\n"):
    if not pred:
        continue
    for args, ext in (([], ".py.txt"), (["--json"], ".py.json")):
        proxy.buf = io.StringIO()
        rc = score.main([gold, pred] + args)
        if rc != 0:
            raise SystemExit("score.py %s: exit status %d" % (pred, rc))
        with open(pred + ext, "w", encoding="utf-8", newline="") as f:
            f.write(proxy.buf.getvalue())
`

// runPyDriver scores every prediction file in preds against gold with
// score.py in one Python process and returns the outputs.
func runPyDriver(t *testing.T, python, gold string, preds []string) (jsons, tables []string) {
	t.Helper()
	dir := t.TempDir()
	list := filepath.Join(dir, "preds.txt")
	writeFile(t, list, strings.Join(preds, "\n"))
	cmd := exec.Command(python, "-c", pyDriver, scorePy, gold, list)
	cmd.Env = append(os.Environ(), "PYTHONIOENCODING=utf-8", "PYTHONUTF8=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("python driver: %v\n%s", err, stderr.String())
	}
	for _, p := range preds {
		jsons = append(jsons, readFile(t, p+".py.json"))
		tables = append(tables, readFile(t, p+".py.txt"))
	}
	return jsons, tables
}

// testSeed returns FARSIGHT_TEST_SEED when set, else a seed from the clock.
func testSeed(t *testing.T) uint64 {
	t.Helper()
	if s := os.Getenv("FARSIGHT_TEST_SEED"); s != "" {
		seed, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("FARSIGHT_TEST_SEED: %v", err)
		}
		return seed
	}
	return uint64(time.Now().UnixNano())
}

// TestPythonRandom scores a few hundred random prediction files, with many
// malformed lines and events, against a random gold file in both Go and
// score.py and compares the results field by field.
func TestPythonRandom(t *testing.T) {
	python := requirePython(t)
	compat := pyJSONCompat(t, python)
	seed := testSeed(t)
	t.Logf("seed %d (rerun with FARSIGHT_TEST_SEED=%d)", seed, seed)
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	nFiles := 300
	if testing.Short() {
		nFiles = 40
	}
	dir := t.TempDir()
	gold := genGold(r, 60)
	goldPath := filepath.Join(dir, "gold.jsonl")
	writeFile(t, goldPath, gold.text)
	var preds []string
	for i := range nFiles {
		p := filepath.Join(dir, fmt.Sprintf("pred%03d.jsonl", i))
		writeFile(t, p, genPred(r, gold))
		preds = append(preds, p)
	}
	jsons, tables := runPyDriver(t, python, goldPath, preds)
	failed := 0
	for i, p := range preds {
		gotJSON, gotTable := runGo(t, goldPath, p)
		before := t.Failed()
		compareJSON(t, p, compat(jsons[i]), compat(gotJSON))
		compareText(t, p, compat(tables[i]), compat(gotTable))
		if t.Failed() && !before {
			failed++
			if failed == 1 {
				t.Logf("first failing prediction file %s:\n%s", p, readFile(t, p))
			}
			if failed >= 5 {
				t.Fatalf("stopping after %d failing files (seed %d)", failed, seed)
			}
		}
	}
}

// TestPythonDevSet scores deterministic synthetic predictions against the
// development sets in /work/shared/eval (or $FARSIGHT_EVAL_DATA_DIR) in Go
// and score.py and compares the results.
func TestPythonDevSet(t *testing.T) {
	dataDir := os.Getenv("FARSIGHT_EVAL_DATA_DIR")
	if dataDir == "" {
		dataDir = "/work/shared/eval"
	}
	for _, name := range []string{"ucdp_en_dev.jsonl", "viina_ukru_dev.jsonl"} {
		t.Run(name, func(t *testing.T) {
			goldPath := filepath.Join(dataDir, name)
			if _, err := os.Stat(goldPath); err != nil {
				t.Skipf("no development set: %v", err)
			}
			python := requirePython(t)
			f, err := os.Open(goldPath)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			gold, err := LoadGold(f)
			if err != nil {
				t.Fatal(err)
			}
			predPath := filepath.Join(t.TempDir(), "pred.jsonl")
			writeFile(t, predPath, syntheticPred(gold))
			wantJSON, _, code := runScorePy(t, python, goldPath, predPath, "--json")
			wantTable, _, code2 := runScorePy(t, python, goldPath, predPath)
			if code != 0 || code2 != 0 {
				t.Fatalf("score.py exit status %d, %d", code, code2)
			}
			gotJSON, gotTable := runGo(t, goldPath, predPath)
			compareJSON(t, name, wantJSON, gotJSON)
			compareText(t, name, wantTable, gotTable)
			t.Logf("%s", gotTable)
		})
	}
}

// shiftsKm are the distances by which syntheticPred moves gold points. They
// avoid 25 and 161 km themselves: a distance within an ulp or two of a hit
// radius can be classified differently by Go and by Python, whose sin, cos
// and asin come from the C library.
var shiftsKm = [...]float64{0, 0.3, 2, 7.5, 18, 24.9, 25.2, 40, 90, 160.5, 161.7, 300, 1200}

// syntheticPred returns a prediction file for gold: each record's first gold
// point moved by a varying distance and bearing, with some records left out,
// some null points and dates, some wrong dates and a decoy event.
func syntheticPred(gold []Gold) string {
	var b strings.Builder
	for i, g := range gold {
		if i%17 == 5 {
			continue // no line
		}
		if i%19 == 7 {
			fmt.Fprintf(&b, "{\"id\": %s, \"events\": []}\n", jsonQuote(g.ID))
			continue
		}
		lat, lon := "null", "null"
		if len(g.Points) > 0 && i%11 != 3 {
			p := destination(g.Points[0], float64((i*37)%360), shiftsKm[i%len(shiftsKm)])
			lat, lon = strconv.FormatFloat(p.Lat, 'f', 6, 64), strconv.FormatFloat(p.Lon, 'f', 6, 64)
		}
		date := "null"
		if len(g.Dates) > 0 && i%13 != 2 {
			date = strconv.Quote(g.Dates[0])
			if i%7 == 4 {
				date = `"2021-01-01"`
			}
		}
		fmt.Fprintf(&b, "{\"id\": %s, \"events\": [{\"lat\": %s, \"lon\": %s, \"date\": %s, \"confidence\": %.2f}, {\"lat\": 0, \"lon\": 0, \"date\": null, \"confidence\": %.2f}]}\n",
			jsonQuote(g.ID), lat, lon, date, 0.5+float64(i%5)/10, float64(i%3)/2)
	}
	return b.String()
}

// destination returns the point distKm from p along the initial bearing.
func destination(p Point, bearingDeg, distKm float64) Point {
	d := distKm / earthRadiusKm
	b := bearingDeg * math.Pi / 180
	la1, lo1 := p.Lat*math.Pi/180, p.Lon*math.Pi/180
	la2 := math.Asin(math.Sin(la1)*math.Cos(d) + math.Cos(la1)*math.Sin(d)*math.Cos(b))
	lo2 := lo1 + math.Atan2(math.Sin(b)*math.Sin(d)*math.Cos(la1), math.Cos(d)-math.Sin(la1)*math.Sin(la2))
	lon := math.Mod(lo2*180/math.Pi+540, 360) - 180
	return Point{Lat: la2 * 180 / math.Pi, Lon: lon}
}

// pyJSONDriver prints, for each document in the JSON list in argv[1], what
// json.loads makes of it: "E:" and str(exception), or "V:" and repr(value).
const pyJSONDriver = `
import json, sys
out = []
for doc in json.load(open(sys.argv[1], encoding="utf-8")):
    try:
        out.append("V:" + repr(json.loads(doc)))
    except Exception as e:
        out.append("E:" + str(e))
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"))
`

// TestPythonJSONDecoder compares pyLoads with Python's json.loads on random
// documents, most of them malformed: the values (through repr) and the error
// messages must be equal.
func TestPythonJSONDecoder(t *testing.T) {
	python := requirePython(t)
	messages := pythonVersion(t, python) == "3.11"
	if !messages {
		t.Logf("python3 is not 3.11: only values are compared, not error messages")
	}
	seed := testSeed(t)
	t.Logf("seed %d (rerun with FARSIGHT_TEST_SEED=%d)", seed, seed)
	r := rand.New(rand.NewPCG(seed, seed^0x2545f4914f6cdd1d))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	gold := genGold(r, 20)
	const alphabet = `{}[]":,-+.0123456789eEtrufalsnNIy\u/ bdfxé` + "Д\t\n\r\x01\u00a0😀\ufeff"
	letters := []rune(alphabet)
	docs := make([]string, 0, n)
	for range n {
		var doc string
		switch r.IntN(3) {
		case 0:
			var b strings.Builder
			for range r.IntN(40) {
				b.WriteRune(letters[r.IntN(len(letters))])
			}
			doc = b.String()
		default:
			doc = genLine(r, gold, r.IntN(len(gold.ids)))
			for range 1 + r.IntN(3) {
				doc = strings.ToValidUTF8(corrupt(r, doc), "")
			}
		}
		if r.IntN(2) == 0 {
			doc += "\n"
		}
		docs = append(docs, doc)
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "docs.json"), filepath.Join(dir, "out.json")
	data, err := json.Marshal(docs)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, in, string(data))
	cmd := exec.Command(python, "-c", pyJSONDriver, in, out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("python: %v\n%s", err, msg)
	}
	var want []string
	if err := json.Unmarshal([]byte(readFile(t, out)), &want); err != nil {
		t.Fatal(err)
	}
	if len(want) != len(docs) {
		t.Fatalf("python returned %d results for %d documents", len(want), len(docs))
	}
	bad := 0
	for i, doc := range docs {
		got := ""
		if v, err := pyLoads(doc); err != nil {
			got = "E:" + err.Error()
		} else {
			got = "V:" + pyRepr(v, -1)
		}
		if !messages && strings.HasPrefix(got, "E:") && strings.HasPrefix(want[i], "E:") {
			continue
		}
		if got != want[i] {
			t.Errorf("json.loads(%q):\ngot  %s\nwant %s", doc, got, want[i])
			if bad++; bad >= 10 {
				t.Fatal("too many differences")
			}
		}
	}
}
