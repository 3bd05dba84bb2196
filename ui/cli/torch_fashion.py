#!/usr/bin/python3
"""PyTorch reference for `autoencoder-studio train --preset vanilla --data fashion`.

The vanilla autoencoder of the Keras tutorial (Dense 784-64 relu, Dense 64-784
sigmoid; glorot_uniform weights, zero biases; MSE loss; Keras-formula Adam at
lr 1e-3; batch 128 reshuffled every epoch, the last partial batch kept; 5
epochs), trained on Fashion-MNIST's 60,000 training images and validated on its
10,000 test images. The model, the optimiser and the training loop are those of
torch_ref.py beside this file (its preset "a"), so the two scripts differ only
in the data; it prints the validation MSE after every epoch.

Usage: /usr/bin/python3 torch_fashion.py [--data DIR] [--threads 2] [--epochs 5]
                                         [--out results-fashion.json]

DIR holds the four IDX .gz files of Fashion-MNIST: by default the copy the
studio carries (dataset/data/fashion in this repository), which is the one
Debian's dataset-fashion-mnist installs in /usr/share/datasets/fashion-mnist.
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_ref  # noqa: E402  (the same model, optimiser and loop)

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, "..", "..", "dataset", "data", "fashion"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.environ.get("FASHION_DIR", DEFAULT_DATA))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--out", default="")
    args = ap.parse_args()
    if not os.path.isdir(args.data):
        sys.exit(f"torch_fashion: no Fashion-MNIST folder {args.data} (give one with --data)")

    torch.set_num_threads(args.threads)
    torch_ref.SPECS["a"]["epochs"] = args.epochs
    xtr, xte, _, _ = torch_ref.load_mnist(args.data)  # same IDX layout and sizes as MNIST
    T = torch.from_numpy
    data = {False: (T(xtr), T(xtr), T(xte), T(xte))}
    print(f"Fashion-MNIST from {args.data}: train {xtr.shape} test {xte.shape}, "
          f"mean pixel {xtr.mean():.4f}; torch {torch.__version__}, threads {torch.get_num_threads()}", flush=True)
    res = torch_ref.train_model("a", data, lambda s: print(s, flush=True))
    print("val_mse per epoch: " + " ".join(f"{e['val_mse']:.5f}" for e in res["epochs"]))
    if args.out:
        with open(args.out, "w") as f:
            json.dump(dict(dataset="fashion-mnist", data_dir=args.data, model=res), f, indent=1)


if __name__ == "__main__":
    main()
