package network

import (
	"bytes"
	"testing"
)

func TestWriteHistoryCSV(t *testing.T) {
	var b bytes.Buffer
	err := WriteHistoryCSV(&b, []Epoch{
		{Epoch: 1, TrainLoss: 0.5, TrainReg: 0.01, ValLoss: 0.25, ValReg: 0.02, ValMSE: 0.125, Seconds: 1.5},
		{Epoch: 2, TrainLoss: 0.1, ValLoss: 0.2, ValMSE: 0.2, Seconds: 2},
	})
	want := "epoch,train_loss,train_reg,val_loss,val_reg,val_mse,seconds\n" +
		"1,0.5,0.01,0.25,0.02,0.125,1.5\n" +
		"2,0.1,0,0.2,0,0.2,2\n"
	if err != nil || b.String() != want {
		t.Errorf("got %q (%v), want %q", b.String(), err, want)
	}
}
