package ui

import (
	"errors"

	"autoencoder-studio/network"
	"autoencoder-studio/network/design"
)

// The editor's spec transformations live in network/design; these are the
// few the other panels share.

// codeIndex returns the index of the code layer of s, or -1.
func codeIndex(s network.Spec) int { return design.CodeIndex(s) }

// checkSpec checks s and returns the layer information, possibly partial
// (see design.Check).
func checkSpec(s network.Spec) ([]network.LayerInfo, error) { return design.Check(s) }

// specErrLayer returns the index of the layer a *network.SpecError names,
// or -1.
func specErrLayer(err error) int { return design.ErrLayer(err) }

// specErrReason returns the reason of a *network.SpecError without the
// layer name, or err's text.
func specErrReason(err error) string {
	var se *network.SpecError
	if errors.As(err, &se) && se.Err != nil {
		return se.Err.Error()
	}
	if err == nil {
		return ""
	}
	return err.Error()
}
