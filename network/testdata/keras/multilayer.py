# multilayer: an autoencoder exported from Autoencoder Studio as Keras 2 code.
# 218192 parameters; autoencoder.summary() lists the same layers and counts.
# Run with TensorFlow 2 (tf.keras, Keras 2) installed: python3 this_file.py
from pathlib import Path

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers, regularizers

# MNIST digits, pixels scaled to [0, 1], each image shaped 784.
(x_train, _), (x_test, _) = keras.datasets.mnist.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0
x_train = x_train.reshape((len(x_train),) + (784,))
x_test = x_test.reshape((len(x_test),) + (784,))

inp = keras.Input(shape=(784,))
x = layers.Dense(128, activation="relu", name="dense_1")(inp)
x = layers.Dense(64, activation="relu", name="dense_2")(x)
code = x  # the code (bottleneck): 64 values
x = layers.Dense(128, activation="relu", name="dense_3")(x)
x = layers.Dense(784, activation="sigmoid", name="dense_4")(x)
out = x

encoder = keras.Model(inp, code, name="encoder")
autoencoder = keras.Model(inp, out, name="multilayer")
autoencoder.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07), loss="mse")
autoencoder.summary()

# The studio's trained weights (Export › Weights, or the export command),
# when weights_keras.npz is beside this file: then the model needs no training.
WEIGHTS = Path(__file__).resolve().parent / "weights_keras.npz"
WEIGHT_NAMES = [  # in the order of autoencoder.get_weights()
    "dense_1/kernel", "dense_1/bias",
    "dense_2/kernel", "dense_2/bias",
    "dense_3/kernel", "dense_3/bias",
    "dense_4/kernel", "dense_4/bias",
]
if WEIGHTS.exists():
    weights = np.load(WEIGHTS)
    autoencoder.set_weights([weights[name] for name in WEIGHT_NAMES])
    print("loaded the studio's trained weights from", WEIGHTS)
else:
    # Train as the studio does: 5 epochs of shuffled batches of 128,
    # validating on the test set after each epoch.
    autoencoder.fit(
        x_train, x_train,
        epochs=5,
        batch_size=128,
        shuffle=True,
        validation_data=(x_test, x_test),
    )
