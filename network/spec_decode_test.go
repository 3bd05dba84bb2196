package network

import (
	"strings"
	"testing"
)

func TestUnmarshalSpecNamesUnknownFields(t *testing.T) {
	s, _ := Preset("vanilla")
	good, err := MarshalSpec(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, from, to, want string
	}{
		{"layer key", `"activation": "sigmoid"`, `"activaton": "sigmoid"`, `unknown field "activaton" in layer 2: did you mean "activation"?`},
		{"optimizer key", `"name": "adam"`, `"name": "adam", "learnig_rate": 0.01`, `unknown field "learnig_rate" in optimizer: did you mean "learning_rate"?`},
		{"train key", `"batch_size": 128`, `"batchsize": 128`, `unknown field "batchsize" in train: did you mean "batch_size"?`},
		{"top key", `"loss": "mse"`, `"los": "mse", "loss": "mse"`, `unknown field "los": did you mean "loss"?`},
		{"no near name", `"loss": "mse"`, `"colour": 1, "loss": "mse"`, `unknown field "colour"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := strings.Replace(string(good), tc.from, tc.to, 1)
			if in == string(good) {
				t.Fatalf("%q not found in the spec", tc.from)
			}
			_, err := UnmarshalSpec([]byte(in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("UnmarshalSpec = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestUnmarshalSpecRejectsTrailingData(t *testing.T) {
	s, _ := Preset("vanilla")
	good, _ := MarshalSpec(s)
	if _, err := UnmarshalSpec(append(good, " {}"...)); err == nil || !strings.Contains(err.Error(), "unexpected data after the spec") {
		t.Errorf("UnmarshalSpec = %v, want it to refuse the data after the spec", err)
	}
}

// FuzzUnmarshalSpec feeds UnmarshalSpec mutated preset specs: it must never
// panic, and a spec it accepts must check and survive a round trip.
func FuzzUnmarshalSpec(f *testing.F) {
	for _, name := range PresetNames() {
		s, _ := Preset(name)
		b, err := MarshalSpec(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"input":[28,28,1],"layers":[{"type":"upsample2d","size":4611686018427387905}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := UnmarshalSpec(b)
		if err != nil {
			return
		}
		if _, err := s.Check(); err != nil {
			t.Fatalf("accepted spec does not check: %v", err)
		}
		out, err := MarshalSpec(s)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := UnmarshalSpec(out); err != nil {
			t.Fatalf("re-encoded spec rejected: %v\n%s", err, out)
		}
	})
}
