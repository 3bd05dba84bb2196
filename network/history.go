package network

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
)

// historyHeader names the columns WriteHistoryCSV writes.
var historyHeader = []string{"epoch", "train_loss", "train_reg", "val_loss", "val_reg", "val_mse", "seconds"}

// WriteHistoryCSV writes a training history as CSV: a header line, then one
// line per epoch with the training loss and its regularisation part, the
// validation loss and its regularisation part, the validation MSE and the
// epoch's training seconds.
func WriteHistoryCSV(w io.Writer, history []Epoch) error {
	cw := csv.NewWriter(w)
	cw.Write(historyHeader)
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', 8, 64) }
	for _, e := range history {
		cw.Write([]string{strconv.Itoa(e.Epoch), f(e.TrainLoss), f(e.TrainReg), f(e.ValLoss), f(e.ValReg), f(e.ValMSE), f(e.Seconds)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write history: %w", err)
	}
	return nil
}
