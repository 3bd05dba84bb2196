# conv: an autoencoder exported from Autoencoder Studio as Keras 2 code.
# 4385 parameters; autoencoder.summary() lists the same layers and counts.
# Run with TensorFlow 2 (tf.keras, Keras 2) installed: python3 this_file.py
from pathlib import Path

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers, regularizers

# MNIST digits, pixels scaled to [0, 1], each image shaped 28×28×1.
(x_train, _), (x_test, _) = keras.datasets.mnist.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0
x_train = x_train.reshape((len(x_train),) + (28, 28, 1))
x_test = x_test.reshape((len(x_test),) + (28, 28, 1))

inp = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(16, (3, 3), strides=(1, 1), padding="same", activation="relu", name="conv2d_1")(inp)
x = layers.MaxPooling2D(pool_size=(2, 2), strides=(2, 2), padding="same", name="maxpool2d_1")(x)
x = layers.Conv2D(8, (3, 3), strides=(1, 1), padding="same", activation="relu", name="conv2d_2")(x)
x = layers.MaxPooling2D(pool_size=(2, 2), strides=(2, 2), padding="same", name="maxpool2d_2")(x)
x = layers.Conv2D(8, (3, 3), strides=(1, 1), padding="same", activation="relu", name="conv2d_3")(x)
x = layers.MaxPooling2D(pool_size=(2, 2), strides=(2, 2), padding="same", name="maxpool2d_3")(x)
code = x  # the code (bottleneck): 4×4×8 values
x = layers.Conv2D(8, (3, 3), strides=(1, 1), padding="same", activation="relu", name="conv2d_4")(x)
x = layers.UpSampling2D(size=(2, 2), name="upsample2d_1")(x)
x = layers.Conv2D(8, (3, 3), strides=(1, 1), padding="same", activation="relu", name="conv2d_5")(x)
x = layers.UpSampling2D(size=(2, 2), name="upsample2d_2")(x)
x = layers.Conv2D(16, (3, 3), strides=(1, 1), padding="valid", activation="relu", name="conv2d_6")(x)
x = layers.UpSampling2D(size=(2, 2), name="upsample2d_3")(x)
x = layers.Conv2D(1, (3, 3), strides=(1, 1), padding="same", activation="sigmoid", name="conv2d_7")(x)
out = x

encoder = keras.Model(inp, code, name="encoder")
autoencoder = keras.Model(inp, out, name="conv")
autoencoder.compile(optimizer=keras.optimizers.Adadelta(learning_rate=1.0, rho=0.95, epsilon=1e-07), loss="binary_crossentropy")
autoencoder.summary()

# The studio's trained weights (Export › Weights, or the export command),
# when weights_keras.npz is beside this file: then the model needs no training.
WEIGHTS = Path(__file__).resolve().parent / "weights_keras.npz"
WEIGHT_NAMES = [  # in the order of autoencoder.get_weights()
    "conv2d_1/kernel", "conv2d_1/bias",
    "conv2d_2/kernel", "conv2d_2/bias",
    "conv2d_3/kernel", "conv2d_3/bias",
    "conv2d_4/kernel", "conv2d_4/bias",
    "conv2d_5/kernel", "conv2d_5/bias",
    "conv2d_6/kernel", "conv2d_6/bias",
    "conv2d_7/kernel", "conv2d_7/bias",
]
if WEIGHTS.exists():
    weights = np.load(WEIGHTS)
    autoencoder.set_weights([weights[name] for name in WEIGHT_NAMES])
    print("loaded the studio's trained weights from", WEIGHTS)
else:
    # Train as the studio does: 3 epochs of shuffled batches of 128,
    # validating on the test set after each epoch.
    autoencoder.fit(
        x_train, x_train,
        epochs=3,
        batch_size=128,
        shuffle=True,
        validation_data=(x_test, x_test),
    )
