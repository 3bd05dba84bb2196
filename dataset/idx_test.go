package dataset

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"strings"
	"testing"
)

// makeIDX encodes an unsigned-byte IDX file with the given dimensions and payload.
func makeIDX(t testing.TB, dims []int, payload []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	b.Write([]byte{0, 0, idxUint8, byte(len(dims))})
	for _, d := range dims {
		binary.Write(&b, binary.BigEndian, uint32(d))
	}
	b.Write(payload)
	return b.Bytes()
}

func gzipped(t testing.TB, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	w := gzip.NewWriter(&out)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

func TestReadIDX(t *testing.T) {
	valid := makeIDX(t, []int{2, 2, 3}, []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
	for _, tc := range []struct {
		name    string
		in      []byte
		dims    []int
		wantErr string
	}{
		{name: "raw", in: valid, dims: []int{2, 2, 3}},
		{name: "gzip", in: gzipped(t, valid), dims: []int{2, 2, 3}},
		{name: "empty", in: nil, wantErr: "read header"},
		{name: "bad magic", in: append([]byte{8, 3}, valid[2:]...), wantErr: "bad magic"},
		{name: "float type", in: append([]byte{0, 0, 0x0d}, valid[3:]...), wantErr: "element type 0x0d"},
		{name: "no dimensions", in: []byte{0, 0, 8, 0}, wantErr: "0 dimensions"},
		{name: "zero dimension", in: makeIDX(t, []int{0, 28}, nil), wantErr: "dimension 0 is zero"},
		{name: "huge dimensions", in: makeIDX(t, []int{1 << 20, 1 << 20}, nil), wantErr: "exceed"},
		{name: "truncated header", in: valid[:9], wantErr: "read dimension 1"},
		{name: "truncated payload", in: valid[:len(valid)-1], wantErr: "payload truncated: got 11 of 12"},
		{name: "truncated gzip", in: gzipped(t, valid)[:30], wantErr: "unexpected EOF"},
		{name: "trailing bytes", in: append(append([]byte{}, valid...), 0), wantErr: "trailing bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseIDX(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slicesEqual(got.Dims, tc.dims) || got.Data[11] != 12 || len(got.Data) != 12 {
				t.Fatalf("got dims %v data %v", got.Dims, got.Data)
			}
		})
	}
}

func slicesEqual(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func FuzzReadIDX(f *testing.F) {
	f.Add(makeIDX(f, []int{1, 2, 2}, []byte{0, 1, 2, 3}))
	f.Add(gzipped(f, makeIDX(f, []int{3}, []byte{7, 8, 9})))
	f.Add([]byte{0, 0, 8, 1, 0, 0, 0, 5, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		idx, err := ParseIDX(b)
		if err != nil {
			return
		}
		n := 1
		for _, d := range idx.Dims {
			if d <= 0 {
				t.Fatalf("accepted non-positive dimension in %v", idx.Dims)
			}
			n *= d
		}
		if n != len(idx.Data) {
			t.Fatalf("dims %v promise %d bytes, data has %d", idx.Dims, n, len(idx.Data))
		}
	})
}
