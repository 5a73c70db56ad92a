package cli

import (
	"os"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/eval"
	"github.com/spf13/cobra"
)

func (m *Main) evalCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "eval GOLD PRED",
		Short: "Score extractor output against a gold file (the metrics of shared/eval/CONTRACT.md)",
		Long: `Eval scores a prediction file (the JSONL that "farsight extract" prints) against
a gold JSONL file: coverage, acc@25km, acc@161km, median km and date exact match,
per dataset and overall, for all records and for those whose place is in the
text. It gives the same figures as shared/eval/score.py.`,
		Example: `  farsight extract < ucdp_en_dev.input.jsonl > pred.jsonl
  farsight eval ucdp_en_dev.jsonl pred.jsonl`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			res, diag, err := scoreFiles(args[0], args[1])
			if err != nil {
				return err
			}
			if asJSON {
				return eval.WriteJSON(m.Stdout, args[0], args[1], res, diag)
			}
			return eval.WriteTable(m.Stdout, args[0], args[1], res, diag)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object instead of the table")
	return cmd
}

// scoreFiles scores the prediction file pred against the gold file gold.
func scoreFiles(gold, pred string) (eval.Result, eval.Diagnostics, error) {
	gf, err := os.Open(gold)
	if err != nil {
		return eval.Result{}, eval.Diagnostics{}, farsight.Errorf(farsight.EINVALID, "gold file: %v", err)
	}
	defer gf.Close()
	g, err := eval.LoadGold(gf)
	if err != nil {
		return eval.Result{}, eval.Diagnostics{}, farsight.Errorf(farsight.EINVALID, "gold file %s: %v", gold, err)
	}
	pf, err := os.Open(pred)
	if err != nil {
		return eval.Result{}, eval.Diagnostics{}, farsight.Errorf(farsight.EINVALID, "prediction file: %v", err)
	}
	defer pf.Close()
	choices, diag, err := eval.LoadPredictions(pf, eval.GoldIDs(g))
	if err != nil {
		return eval.Result{}, eval.Diagnostics{}, farsight.Errorf(farsight.EINVALID, "prediction file %s: %v", pred, err)
	}
	return eval.Score(g, choices), diag, nil
}
