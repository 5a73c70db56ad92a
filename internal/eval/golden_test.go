package eval

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "regenerate testdata/*.golden.* by running python3 testdata/score.py")

// scorePy is the copy of the reference scorer that the golden files and the
// live cross-checks run.
const scorePy = "testdata/score.py"

// fixture is a gold and a prediction file under testdata whose score.py
// outputs are kept as testdata/<name>.golden.json and .golden.txt.
type fixture struct {
	name, gold, pred string
}

func fixtures() []fixture {
	var fs []fixture
	for _, p := range []string{"choice", "badlines", "json1", "json2", "json3", "json4",
		"events", "events2", "events3", "events4", "events5", "perfect", "empty"} {
		fs = append(fs, fixture{name: p, gold: "testdata/gold.jsonl", pred: "testdata/pred_" + p + ".jsonl"})
	}
	// A gold file with only a BOM and blank lines: no records.
	return append(fs, fixture{name: "emptygold", gold: "testdata/gold_empty.jsonl", pred: "testdata/pred_choice.jsonl"})
}

// badGoldFixtures are gold files that score.py rejects; their stderr is kept
// as testdata/<name>.golden.err.
func badGoldFixtures() []string {
	return []string{"badgold_dup", "badgold_json", "badgold_noid", "badgold_notobj", "badgold_utf8", "badgold_bom2"}
}

// runGo scores predPath against goldPath and returns what `score.py --json`
// and `score.py` would print.
func runGo(t *testing.T, goldPath, predPath string) (jsonOut, table string) {
	t.Helper()
	gf, err := os.Open(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	defer gf.Close()
	gold, err := LoadGold(gf)
	if err != nil {
		t.Fatalf("LoadGold(%s): %v", goldPath, err)
	}
	pf, err := os.Open(predPath)
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	choices, diag, err := LoadPredictions(pf, GoldIDs(gold))
	if err != nil {
		t.Fatalf("LoadPredictions(%s): %v", predPath, err)
	}
	res := Score(gold, choices)
	var j, tb bytes.Buffer
	if err := WriteJSON(&j, goldPath, predPath, res, diag); err != nil {
		t.Fatal(err)
	}
	if err := WriteTable(&tb, goldPath, predPath, res, diag); err != nil {
		t.Fatal(err)
	}
	return j.String(), tb.String()
}

// goldErrorText returns what score.py prints on stderr for an invalid gold
// file.
func goldErrorText(t *testing.T, goldPath string) string {
	t.Helper()
	f, err := os.Open(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, err = LoadGold(f)
	if err == nil {
		t.Fatalf("LoadGold(%s): got no error, want one", goldPath)
	}
	return "score.py: gold file " + goldPath + ": " + err.Error() + "\n"
}

// jsonErrorMessage matches the JSON decoder's message in an example.
var jsonErrorMessage = regexp.MustCompile(`not JSON \(.*\)`)

// loosen replaces JSON decoder messages with a placeholder. The live tests
// use it when python3 is not the CPython 3.11 whose messages the package
// reproduces (3.13, for one, words trailing commas differently).
func loosen(s string) string {
	return jsonErrorMessage.ReplaceAllString(s, "not JSON (...)")
}

// compareJSON reports differences between score.py's and our --json output:
// first value by value, then byte by byte.
func compareJSON(t *testing.T, label, want, got string) {
	t.Helper()
	var w, g any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("%s: python JSON: %v", label, err)
	}
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("%s: Go JSON: %v", label, err)
	}
	if diff := cmp.Diff(w, g); diff != "" {
		t.Errorf("%s: JSON values differ (-python +go):\n%s", label, diff)
		return
	}
	if want != got {
		t.Errorf("%s: JSON values are equal but the text differs (-python +go):\n%s", label, cmp.Diff(want, got))
	}
}

func compareText(t *testing.T, label, want, got string) {
	t.Helper()
	if want != got {
		t.Errorf("%s: table differs (-python +go):\n%s", label,
			cmp.Diff(strings.Split(want, "\n"), strings.Split(got, "\n")))
	}
}

// runScorePy runs python3 testdata/score.py with args in the package
// directory and returns its stdout, stderr and exit status.
func runScorePy(t *testing.T, python string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(python, append([]string{scorePy}, args...)...)
	cmd.Env = append(os.Environ(), "PYTHONIOENCODING=utf-8", "PYTHONUTF8=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return out.String(), errOut.String(), ee.ExitCode()
		}
		t.Fatalf("run %s: %v", scorePy, err)
	}
	return out.String(), errOut.String(), 0
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGolden compares our output on the fixtures with score.py's output
// kept in the golden files. With -update it regenerates them first.
func TestGolden(t *testing.T) {
	if *update {
		python, err := exec.LookPath("python3")
		if err != nil {
			t.Fatalf("-update needs python3: %v", err)
		}
		for _, f := range fixtures() {
			js, _, code := runScorePy(t, python, f.gold, f.pred, "--json")
			tb, _, code2 := runScorePy(t, python, f.gold, f.pred)
			if code != 0 || code2 != 0 {
				t.Fatalf("%s: score.py exit status %d, %d", f.name, code, code2)
			}
			writeFile(t, filepath.Join("testdata", f.name+".golden.json"), js)
			writeFile(t, filepath.Join("testdata", f.name+".golden.txt"), tb)
		}
		for _, name := range badGoldFixtures() {
			_, stderr, code := runScorePy(t, python, "testdata/"+name+".jsonl", "testdata/pred_empty.jsonl")
			if code != 2 {
				t.Fatalf("%s: score.py exit status %d, want 2", name, code)
			}
			writeFile(t, filepath.Join("testdata", name+".golden.err"), stderr)
		}
	}
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			js, tb := runGo(t, f.gold, f.pred)
			compareJSON(t, f.name, readFile(t, filepath.Join("testdata", f.name+".golden.json")), js)
			compareText(t, f.name, readFile(t, filepath.Join("testdata", f.name+".golden.txt")), tb)
		})
	}
	for _, name := range badGoldFixtures() {
		t.Run(name, func(t *testing.T) {
			want := readFile(t, filepath.Join("testdata", name+".golden.err"))
			if got := goldErrorText(t, "testdata/"+name+".jsonl"); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}
