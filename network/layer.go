package network

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
)

// Layer is one stage of a model. A layer is built for a fixed per-sample
// input shape and processes batches of any size. The slices it returns are
// owned by the layer and stay valid until its next Forward or Backward call.
type Layer interface {
	// Name returns the layer's unique name in its model, such as "dense_1".
	Name() string
	// Type returns the spec type, such as TypeDense.
	Type() string
	// InShape and OutShape return the per-sample input and output shapes.
	InShape() Shape
	OutShape() Shape
	// Params returns the trainable parameters, in a fixed order.
	Params() []*Param
	// Forward computes the outputs for a batch of n samples x. train selects
	// training behaviour (dropout, noise). The layer keeps x and its output
	// for Backward.
	Forward(x []float32, n int, train bool) []float32
	// Backward takes the loss gradient with respect to the last Forward
	// output, writes the parameters' gradients (overwriting them) and returns
	// the gradient with respect to the last Forward input (nil when the layer
	// was built without needInputGrad). It may modify dy.
	Backward(dy []float32) []float32
}

// Param is a trainable tensor with its gradient and kernel regulariser.
type Param struct {
	Name  string
	Shape Shape
	Value []float32
	Grad  []float32
	// Reg is the kernel regulariser: its penalty is added to the loss and
	// its gradient to Grad.
	Reg Regularizer
}

// Limits that keep a mistyped size from exhausting memory: no parameter may
// hold more than maxParamValues values, and no model more than maxModelValues.
const (
	maxParamValues = 1 << 24
	maxModelValues = 1 << 26
)

// tooLarge is the panic value newParam uses for an oversized parameter;
// Build recovers it into an error naming the layer.
type tooLarge struct {
	name string
	size int
}

// newParam allocates a zero parameter of the given shape. It panics with
// tooLarge if the shape holds more than maxParamValues values.
func newParam(name string, shape Shape, reg Regularizer) *Param {
	n := shape.Size()
	if n > maxParamValues || n < 0 {
		panic(tooLarge{name, n})
	}
	return &Param{Name: name, Shape: shape, Value: make([]float32, n), Grad: make([]float32, n), Reg: reg}
}

// buildContext carries what layer constructors need besides their spec.
type buildContext struct {
	name string
	in   Shape
	rng  *rand.Rand
	// needInputGrad is false when no layer before this one has parameters,
	// so Backward may skip the input gradient and return nil.
	needInputGrad bool
}

// layerBuilder builds a layer from its spec for the input shape in ctx, or
// returns an error saying why the spec does not fit.
type layerBuilder func(ls LayerSpec, ctx buildContext) (Layer, error)

// FieldKind says what a layer setting holds, and so how an editor offers it.
type FieldKind int

// The kinds of layer settings.
const (
	IntField    FieldKind = iota // a whole number: units, filters, kernel…
	FloatField                   // a real number: rate, noise
	StringField                  // free text
	BoolField                    // on or off
	ShapeField                   // a shape such as 7,7,16
	ChoiceField                  // one of Choices: padding, activation
)

// LayerField describes one setting of a layer type: the LayerSpec field it
// is stored in, its kind, the value zero stands for, the range the builder
// accepts and the short label an editor shows beside it.
type LayerField struct {
	Name  string // JSON name of the LayerSpec field, such as "units"
	Label string // short label for an editor, such as "k" for the kernel
	Kind  FieldKind
	// Default is the value a zero IntField or FloatField means (the
	// maxpool2d size 2, a stride of 1), or 0 when zero is meant as such.
	Default float64
	// Min and Max bound the value the builder accepts (for IntField and
	// FloatField); HasRange is false when the field declares none.
	Min, Max float64
	HasRange bool
	// MaxOpen makes the range [Min, Max) instead of [Min, Max].
	MaxOpen bool
	// Advanced settings are left out of an editor's layer row.
	Advanced bool
	Choices  []string // the allowed values of a ChoiceField

	ref func(*LayerSpec) any // a pointer to the field in a LayerSpec
}

// intSetting declares an IntField in [lo, hi] stored where ref points.
func intSetting(name, label string, def, lo, hi int, ref func(*LayerSpec) *int) LayerField {
	return LayerField{Name: name, Label: label, Kind: IntField, Default: float64(def), Min: float64(lo), Max: float64(hi), HasRange: true,
		ref: func(l *LayerSpec) any { return ref(l) }}
}

// floatSetting declares a FloatField in [lo, hi] stored where ref points.
func floatSetting(name, label string, lo, hi float64, ref func(*LayerSpec) *float64) LayerField {
	return LayerField{Name: name, Label: label, Kind: FloatField, Min: lo, Max: hi, HasRange: true,
		ref: func(l *LayerSpec) any { return ref(l) }}
}

// activationSetting is the activation choice of dense and convolution layers.
func activationSetting() LayerField {
	choices := make([]string, len(Activations))
	for i, a := range Activations {
		choices[i] = string(a)
	}
	return LayerField{Name: "activation", Label: "activation", Kind: ChoiceField, Choices: choices,
		ref: func(l *LayerSpec) any { return &l.Activation }}
}

// paddingSetting is the padding choice of convolution and pooling layers.
func paddingSetting() LayerField {
	return LayerField{Name: "padding", Label: "padding", Kind: ChoiceField, Choices: []string{paddingSame, paddingValid},
		ref: func(l *LayerSpec) any { return &l.Padding }}
}

// Int returns the value of an IntField in l, or its Default when zero.
func (f LayerField) Int(l LayerSpec) int {
	if p, ok := f.ref(&l).(*int); ok {
		if *p == 0 {
			return int(f.Default)
		}
		return *p
	}
	return 0
}

// Float returns the value of a FloatField in l, or its Default when zero.
func (f LayerField) Float(l LayerSpec) float64 {
	if p, ok := f.ref(&l).(*float64); ok {
		if *p == 0 {
			return f.Default
		}
		return *p
	}
	return 0
}

// Text returns the value of a StringField or ChoiceField in l.
func (f LayerField) Text(l LayerSpec) string {
	if p, ok := f.ref(&l).(*string); ok {
		return *p
	}
	return ""
}

// Shape returns a copy of the value of a ShapeField in l.
func (f LayerField) Shape(l LayerSpec) Shape {
	if p, ok := f.ref(&l).(*Shape); ok {
		return append(Shape(nil), (*p)...)
	}
	return nil
}

// Set stores v in the field of l. v must be an int for an IntField, a
// float64 for a FloatField, a string for a StringField or ChoiceField, a
// bool for a BoolField and a Shape for a ShapeField; Set panics otherwise.
func (f LayerField) Set(l *LayerSpec, v any) {
	switch p := f.ref(l).(type) {
	case *int:
		*p = v.(int)
	case *float64:
		*p = v.(float64)
	case *string:
		*p = v.(string)
	case *bool:
		*p = v.(bool)
	case *Shape:
		*p = append(Shape(nil), v.(Shape)...)
	}
}

// kerasLayer is how one layer is written as Keras code: the class of
// keras.layers, its positional and keyword arguments (before activation,
// regularisers and name, which KerasCode adds), comment lines written above
// it, and whether its output is clipped to [0,1] by a Lambda after it.
type kerasLayer struct {
	class string
	args  []string
	notes []string
	clip  bool
	// custom is set for a class the program defines, not one of
	// keras.layers.
	custom bool
}

// LayerType describes one layer type a spec may use: its settings, whether
// it has weights, the settings an editor starts a new layer with, how it
// builds and how it is written as Keras and PyTorch code. Every layer type registers
// one LayerType, in its own file.
type LayerType struct {
	Name string // the spec type, such as TypeDense
	// Fields lists the type's settings in the order an editor shows them.
	// Layers with weights also take the regularisers, which are not listed.
	Fields []LayerField
	// Weights is true for layers with trainable parameters (and kernel and
	// activity regularisers).
	Weights bool
	// Default holds the settings an editor gives a new layer of the type.
	Default LayerSpec

	order int // position in LayerTypes
	build layerBuilder
	keras func(LayerSpec) kerasLayer
	torch func(LayerSpec, torchGeom) torchLayer
}

// Field returns the setting of t with the JSON name name.
func (t LayerType) Field(name string) (LayerField, bool) {
	for _, f := range t.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return LayerField{}, false
}

// New returns a copy of t.Default: a layer of the type with the usual
// settings.
func (t LayerType) New() LayerSpec {
	l := t.Default
	l.Type = t.Name
	l.Shape = append(Shape(nil), t.Default.Shape...)
	return l
}

// layerTypes maps spec type names to their descriptions.
var layerTypes = map[string]LayerType{}

// registerLayer makes a layer type available to specs. It panics if the
// type is registered twice or lacks a builder or its Keras code.
func registerLayer(t LayerType) {
	if _, dup := layerTypes[t.Name]; dup {
		panic(fmt.Sprintf("network: layer type %q registered twice", t.Name))
	}
	if t.build == nil || t.keras == nil || t.torch == nil {
		panic(fmt.Sprintf("network: layer type %q registered without a builder, Keras code or PyTorch code", t.Name))
	}
	t.Default.Type = t.Name
	layerTypes[t.Name] = t
}

// LayerTypes returns the layer types a spec may use, in the order an editor
// offers them.
func LayerTypes() []LayerType {
	out := make([]LayerType, 0, len(layerTypes))
	for _, t := range layerTypes {
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b LayerType) int { return cmp.Or(cmp.Compare(a.order, b.order), cmp.Compare(a.Name, b.Name)) })
	return out
}

// LayerTypeNames returns the names of LayerTypes, in the same order.
func LayerTypeNames() []string {
	var out []string
	for _, t := range LayerTypes() {
		out = append(out, t.Name)
	}
	return out
}

// LayerTypeOf returns the layer type named name, and false when no such
// type is registered.
func LayerTypeOf(name string) (LayerType, bool) {
	t, ok := layerTypes[name]
	return t, ok
}

// HasWeights reports whether layers of the type named typ have trainable
// parameters.
func HasWeights(typ string) bool { return layerTypes[typ].Weights }

// base holds the fields every layer shares.
type base struct {
	name    string
	typ     string
	in, out Shape
}

func (b *base) Name() string    { return b.name }
func (b *base) Type() string    { return b.typ }
func (b *base) InShape() Shape  { return b.in }
func (b *base) OutShape() Shape { return b.out }
