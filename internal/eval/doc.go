// Package eval scores extractor output against a gold JSONL file. It is a Go
// port of the project's reference scorer, score.py (a copy is in
// testdata/score.py; the rules are in CONTRACT.md next to the evaluation
// data), and gives the same figures: LoadGold, LoadPredictions and Score
// follow load_gold, load_pred and score, and WriteTable and WriteJSON print
// what `score.py GOLD PRED` and `score.py GOLD PRED --json` print, byte for
// byte.
//
// Typical use:
//
//	gold, err := eval.LoadGold(goldFile)
//	...
//	choices, diag, err := eval.LoadPredictions(predFile, eval.GoldIDs(gold))
//	...
//	res := eval.Score(gold, choices)
//	err = eval.WriteTable(os.Stdout, goldPath, predPath, res, diag)
//
// score.py reports Python's own messages for lines that are not JSON, and
// Python's json module accepts NaN, Infinity and -Infinity, which Go's
// encoding/json rejects. So this package has its own decoder that follows
// CPython 3.11's json.loads, messages included (a line with NaN is valid
// JSON whose non-finite numbers are then rejected, as in score.py), and
// reproduces Python's str(), repr(), float repr, str.strip() whitespace and
// code point slicing where score.py's messages use them.
//
// Remaining differences from score.py:
//
//   - Distances. score.py takes sin, cos, asin and pow(x, 2) from the C
//     library; this package uses Go's math and x*x in the same order of
//     operations. Against glibc 2.36 about a third of distances differ, by
//     1 to 4 ulps (a relative 6e-16, or 1e-14 km at 25 km). A figure
//     changes only if a distance lies that close to 25 or 161 km,
//     or a median that close to a rounding midpoint at 3 decimals. None did
//     on the development sets or on random files. Of 400 points placed at
//     exactly 25 or 161 km by this package's computation, score.py put one
//     just beyond. The C library's results themselves depend on the glibc
//     version and on whether the CPU has FMA.
//   - Python versions. The JSON error messages and the nesting limit are
//     those of CPython 3.11 running score.py as a script: a line nested more
//     than 993 arrays or objects deep is a RecursionError there, a limit that
//     depends on the version and call depth. Newer versions also word
//     some errors differently: CPython 3.13 reports trailing commas with
//     their own message. repr() escapes the characters that are not printable in
//     Go's Unicode tables (15.0, as CPython 3.12); CPython 3.11 (Unicode 14.0)
//     also escapes the characters added in Unicode 15.0.
//   - Crashes. score.py stops with a TypeError traceback when a gold record's
//     gold_points or gold_dates is true or a non-zero number; LoadGold
//     returns a *GoldError instead. Its table output fails on a dataset name
//     with a lone surrogate (from a \ud800 escape); WriteTable writes the
//     name's WTF-8 bytes.
//
// Strings decoded from JSON are kept in WTF-8, so that an id with a lone
// surrogate escape still matches the same id in the other file, as in Python.
package eval
