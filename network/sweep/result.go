package sweep

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"autoencoder-studio/network"
)

// Result is what one trained run of a sweep measured.
type Result struct {
	Run
	Params int // trainable parameters
	// ValMSE and ValLoss are the last epoch's validation MSE and loss;
	// SecondsPerEpoch the mean training seconds of its epochs. All three
	// are NaN for a run without epochs.
	ValMSE, ValLoss, SecondsPerEpoch float64
	Epochs                           int // epochs trained
}

// Summarize returns the result of run r, whose model has params
// parameters and trained for history.
func Summarize(r Run, params int, history []network.Epoch) Result {
	res := Result{Run: r, Params: params, Epochs: len(history), ValMSE: math.NaN(), ValLoss: math.NaN(), SecondsPerEpoch: math.NaN()}
	if len(history) == 0 {
		return res
	}
	last := history[len(history)-1]
	res.ValMSE, res.ValLoss = last.ValMSE, last.ValLoss
	var secs float64
	for _, e := range history {
		secs += e.Seconds
	}
	res.SecondsPerEpoch = secs / float64(len(history))
	return res
}

// CSVHeader names the columns WriteCSV writes.
var CSVHeader = []string{"value", "name", "params", "val_mse", "val_loss", "seconds_per_epoch", "epochs"}

// WriteCSV writes the results of a sweep as CSV: the header CSVHeader, then
// one line per run in the order given.
func WriteCSV(w io.Writer, results []Result) error {
	cw := csv.NewWriter(w)
	cw.Write(CSVHeader)
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', 8, 64) }
	for _, r := range results {
		cw.Write([]string{r.Value, r.Name, strconv.Itoa(r.Params), f(r.ValMSE), f(r.ValLoss), f(r.SecondsPerEpoch), strconv.Itoa(r.Epochs)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("sweep: write csv: %w", err)
	}
	return nil
}
