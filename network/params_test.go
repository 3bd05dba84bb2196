package network

import "testing"

func TestTotalParams(t *testing.T) {
	for _, name := range []string{"vanilla", "conv"} {
		t.Run(name, func(t *testing.T) {
			s, err := Preset(name)
			if err != nil {
				t.Fatal(err)
			}
			info, err := s.Check()
			if err != nil {
				t.Fatal(err)
			}
			m, err := Build(s, 1)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := TotalParams(info), m.ParamCount(); got != want || got == 0 {
				t.Errorf("TotalParams = %d, Model.ParamCount = %d", got, want)
			}
		})
	}
}
