package network

import (
	"fmt"
	"math"
	"math/rand/v2"

	"autoencoder-studio/network/gemm"
	"autoencoder-studio/network/vec"
)

// TypeVariational is the spec type of a variational code layer.
const TypeVariational = "variational"

func init() {
	registerLayer(LayerType{
		Name: TypeVariational, order: 0, Weights: true, build: newVariational,
		Fields: []LayerField{
			intSetting("units", "latent", 0, 1, maxUnits, func(l *LayerSpec) *int { return &l.Units }),
		},
		Default: LayerSpec{Units: 2},
		torch:   torchVariational,
		keras: func(ls LayerSpec) kerasLayer {
			return kerasLayer{class: "Variational", custom: true, args: []string{fmt.Sprint(ls.Units)}, notes: []string{
				"# The variational code: dense mean and log-variance heads, z = mean +",
				"# exp(log_var / 2) * eps while training (the mean at inference), and",
				"# the KL divergence from N(0, I) added to the loss.",
			}}
		},
	})
}

// variational is the code layer of a variational autoencoder. From its
// flat input x it computes two dense heads of Units values each, the mean
// μ = x·Wμ + bμ and the log-variance v = x·Wv + bv of a Gaussian, and
// outputs a sample of it while training,
//
//	z = μ + exp(v/2)·ε, ε ~ N(0, I),
//
// and the mean μ at inference, so that codes and reconstructions are
// deterministic. Every forward pass adds to the loss the KL divergence of
// the Gaussian from N(0, I), −½ Σ (1 + v − μ² − exp v), summed over the
// code and averaged over the batch, as the Keras blog's VAE does.
//
// ε comes from the layer's own generator, seeded at build from the model's
// seed; Fit reseeds it for every batch from the epoch and the batch number
// (see seedStep), so a continued run draws the ε an uninterrupted one would.
type variational struct {
	base
	wm, bm, wv, bv *Param
	params         []*Param
	inSize, units  int
	needDx         bool

	seed uint64
	src  *rand.PCG
	rng  *rand.Rand

	x         []float32
	n         int
	train     bool
	mu, lv, z []float32
	eps, sd   []float32 // ε and exp(v/2) of the last training pass
	dm, dv    []float32
	dx        []float32
	kl        float64 // the batch's KL summed over samples
}

func newVariational(ls LayerSpec, ctx buildContext) (Layer, error) {
	if len(ctx.in) != 1 {
		return nil, fmt.Errorf("variational needs a flat input, got %s: add a flatten layer before it", ctx.in)
	}
	if err := inRange("units", ls.Units, 1, maxUnits); err != nil {
		return nil, err
	}
	in, u := ctx.in[0], ls.Units
	v := &variational{
		base:   base{name: ctx.name, typ: TypeVariational, in: ctx.in, out: Shape{u}},
		wm:     newParam(ctx.name+"/mean/kernel", Shape{in, u}, ls.KernelRegularizer),
		bm:     newParam(ctx.name+"/mean/bias", Shape{u}, Regularizer{}),
		wv:     newParam(ctx.name+"/log_var/kernel", Shape{in, u}, ls.KernelRegularizer),
		bv:     newParam(ctx.name+"/log_var/bias", Shape{u}, Regularizer{}),
		inSize: in, units: u, needDx: ctx.needInputGrad,
	}
	v.params = []*Param{v.wm, v.bm, v.wv, v.bv}
	glorotUniform(v.wm.Value, in, u, ctx.rng)
	glorotUniform(v.wv.Value, in, u, ctx.rng)
	v.seed = ctx.rng.Uint64()
	v.src = rand.NewPCG(v.seed, 0)
	v.rng = rand.New(v.src)
	return v, nil
}

// Params returns the mean head's kernel and bias, then the log-variance
// head's, the order of Keras's get_weights.
func (v *variational) Params() []*Param { return v.params }

// seedStep reseeds ε for batch of epoch.
func (v *variational) seedStep(epoch, batch int) {
	v.src.Seed(v.seed, uint64(epoch)<<32|uint64(uint32(batch)))
}

// Forward computes the mean and the log-variance of n samples and returns a
// sample of each Gaussian when train is set, else the mean.
func (v *variational) Forward(x []float32, n int, train bool) []float32 {
	checkLen(v.name, "forward", x, n*v.inSize)
	v.x, v.n, v.train = x, n, train
	u := v.units
	v.mu = v.head(v.mu, v.wm, v.bm, x, n)
	v.lv = v.head(v.lv, v.wv, v.bv, x, n)
	v.kl = 0
	for i, m := range v.mu {
		lv := float64(v.lv[i])
		v.kl += -0.5 * (1 + lv - float64(m)*float64(m) - math.Exp(lv))
	}
	if !train {
		return v.mu
	}
	v.z = grow(v.z, n*u)
	v.eps = grow(v.eps, n*u)
	v.sd = grow(v.sd, n*u)
	for i, m := range v.mu {
		e := float32(v.rng.NormFloat64())
		sd := float32(math.Exp(0.5 * float64(v.lv[i])))
		v.eps[i], v.sd[i] = e, sd
		v.z[i] = m + sd*e
	}
	return v.z
}

// head computes x·W + b for n samples into buf.
func (v *variational) head(buf []float32, w, b *Param, x []float32, n int) []float32 {
	u := v.units
	buf = grow(buf, n*u)
	for i := range n {
		copy(buf[i*u:(i+1)*u], b.Value)
	}
	gemm.Sgemm(false, false, n, u, v.inSize, 1, x, v.inSize, w.Value, u, 1, buf, u)
	return buf
}

// penalty returns the KL divergence of the last Forward, averaged over its
// samples.
func (v *variational) penalty() float64 { return v.kl / float64(max(v.n, 1)) }

// Backward takes the gradient with respect to z, adds that of the KL term
// (averaged over the batch) and computes the heads' gradients and the input
// gradient.
func (v *variational) Backward(dz []float32) []float32 {
	n, u := v.n, v.units
	checkLen(v.name, "backward", dz, n*u)
	v.dm = grow(v.dm, n*u)
	v.dv = grow(v.dv, n*u)
	inv := 1 / float32(n)
	for i, g := range dz {
		m, lv := v.mu[i], v.lv[i]
		// ∂KL/∂μ = μ, ∂KL/∂v = ½(exp v − 1), per sample.
		v.dm[i] = g + m*inv
		dv := 0.5 * (float32(math.Exp(float64(lv))) - 1) * inv
		if v.train {
			dv += g * v.eps[i] * 0.5 * v.sd[i]
		}
		v.dv[i] = dv
	}
	v.headGrads(v.wm, v.bm, v.dm)
	v.headGrads(v.wv, v.bv, v.dv)
	if !v.needDx {
		return nil
	}
	v.dx = grow(v.dx, n*v.inSize)
	gemm.Sgemm(false, true, n, v.inSize, u, 1, v.dm, u, v.wm.Value, u, 0, v.dx, v.inSize)
	gemm.Sgemm(false, true, n, v.inSize, u, 1, v.dv, u, v.wv.Value, u, 1, v.dx, v.inSize)
	return v.dx
}

// headGrads writes the kernel and bias gradients of one head from the
// gradient d with respect to its output.
func (v *variational) headGrads(w, b *Param, d []float32) {
	u := v.units
	gemm.Sgemm(true, false, v.inSize, u, v.n, 1, v.x, v.inSize, d, u, 0, w.Grad, u)
	clear(b.Grad)
	for i := range v.n {
		vec.Add(b.Grad, d[i*u:(i+1)*u])
	}
}

// torchVariational writes the variational layer as the Variational module
// torchVariationalClass defines.
func torchVariational(ls LayerSpec, g torchGeom) torchLayer {
	return torchLayer{module: fmt.Sprintf("Variational(%d, %d)", g.in[0], ls.Units), forward: []string{"x = self." + g.attr + "(x)  # the mean in eval()"}}
}

// torchVariationalClass writes the module of the studio's variational
// layer.
func torchVariationalClass(p kerasPrinter) {
	p("class Variational(nn.Module):")
	p("    %s", pyDocString("The studio's variational code: mean and log-variance heads; z = mean + exp(log_var / 2) * eps while training, the mean in eval(). self.kl holds the batch's KL divergence from N(0, I), summed over the code and averaged over the batch."))
	p("")
	p("    def __init__(self, inputs, units):")
	p("        super().__init__()")
	p("        self.mean = nn.Linear(inputs, units)")
	p("        self.log_var = nn.Linear(inputs, units)")
	p("        self.kl = torch.zeros(())")
	p("")
	p("    def forward(self, x):")
	p("        mean, log_var = self.mean(x), self.log_var(x)")
	p("        self.kl = (-0.5 * (1 + log_var - mean.square() - log_var.exp()).sum(dim=1)).mean()")
	p("        if self.training:")
	p("            return mean + (0.5 * log_var).exp() * torch.randn_like(mean)")
	p("        return mean")
	p("")
	p("")
}

// kerasVariationalClass writes the Keras layer of the studio's variational
// layer.
func kerasVariationalClass(p kerasPrinter) {
	p("class Variational(layers.Layer):")
	p("    %s", pyDocString("The studio's variational code: mean and log-variance Dense heads; z = mean + exp(log_var / 2) * eps while training, the mean at inference; adds the KL divergence from N(0, I), summed over the code and averaged over the batch, to the loss."))
	p("")
	p("    def __init__(self, units, kernel_regularizer=None, **kwargs):")
	p("        super().__init__(**kwargs)")
	p("        self.units = units")
	p("        self.mean = layers.Dense(units, kernel_regularizer=kernel_regularizer, name=\"mean\")")
	p("        self.log_var = layers.Dense(units, kernel_regularizer=kernel_regularizer, name=\"log_var\")")
	p("")
	p("    def call(self, x, training=None):")
	p("        mean, log_var = self.mean(x), self.log_var(x)")
	p("        kl = -0.5 * tf.reduce_sum(1 + log_var - tf.square(mean) - tf.exp(log_var), axis=-1)")
	p("        self.add_loss(tf.reduce_mean(kl))")
	p("        if training:")
	p("            return mean + tf.exp(0.5 * log_var) * tf.random.normal(tf.shape(mean))")
	p("        return mean")
	p("")
	p("")
}
