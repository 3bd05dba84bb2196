# conv-vae: an autoencoder exported from Autoencoder Studio as Keras 2 code.
# 5285 parameters; autoencoder.summary() lists the same layers and counts.
# Run with TensorFlow 2 (tf.keras, Keras 2) installed: python3 this_file.py
from pathlib import Path

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers, regularizers

class Variational(layers.Layer):
    """The studio's variational code: mean and log-variance Dense heads; z = mean + exp(log_var / 2) * eps while training, the mean at inference; adds the KL divergence from N(0, I), summed over the code and averaged over the batch, to the loss."""

    def __init__(self, units, kernel_regularizer=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.mean = layers.Dense(units, kernel_regularizer=kernel_regularizer, name="mean")
        self.log_var = layers.Dense(units, kernel_regularizer=kernel_regularizer, name="log_var")

    def call(self, x, training=None):
        mean, log_var = self.mean(x), self.log_var(x)
        kl = -0.5 * tf.reduce_sum(1 + log_var - tf.square(mean) - tf.exp(log_var), axis=-1)
        self.add_loss(tf.reduce_mean(kl))
        if training:
            return mean + tf.exp(0.5 * log_var) * tf.random.normal(tf.shape(mean))
        return mean


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
x = layers.Flatten(name="flatten_1")(x)
# The variational code: dense mean and log-variance heads, z = mean +
# exp(log_var / 2) * eps while training (the mean at inference), and
# the KL divergence from N(0, I) added to the loss.
x = Variational(2, name="variational_1")(x)
code = x  # the code (bottleneck): 2 values
x = layers.Dense(128, activation="relu", name="dense_1")(x)
x = layers.Reshape((4, 4, 8), name="reshape_1")(x)
x = layers.Conv2D(8, (3, 3), strides=(1, 1), padding="same", activation="relu", name="conv2d_4")(x)
x = layers.UpSampling2D(size=(2, 2), name="upsample2d_1")(x)
x = layers.Conv2D(8, (3, 3), strides=(1, 1), padding="same", activation="relu", name="conv2d_5")(x)
x = layers.UpSampling2D(size=(2, 2), name="upsample2d_2")(x)
x = layers.Conv2D(16, (3, 3), strides=(1, 1), padding="valid", activation="relu", name="conv2d_6")(x)
x = layers.UpSampling2D(size=(2, 2), name="upsample2d_3")(x)
x = layers.Conv2D(1, (3, 3), strides=(1, 1), padding="same", activation="sigmoid", name="conv2d_7")(x)
out = x

encoder = keras.Model(inp, code, name="encoder")
autoencoder = keras.Model(inp, out, name="conv-vae")
# The reconstruction loss summed over each image's 784 values, averaged over images.
autoencoder.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07), loss=lambda y_true, y_pred: 784 * keras.losses.binary_crossentropy(y_true, y_pred))
autoencoder.summary()

# The studio's trained weights (Export › Weights, or the export command),
# when weights_keras.npz is beside this file: then the model needs no training.
WEIGHTS = Path(__file__).resolve().parent / "weights_keras.npz"
WEIGHT_NAMES = [  # in the order of autoencoder.get_weights()
    "conv2d_1/kernel", "conv2d_1/bias",
    "conv2d_2/kernel", "conv2d_2/bias",
    "conv2d_3/kernel", "conv2d_3/bias",
    "variational_1/mean/kernel", "variational_1/mean/bias",
    "variational_1/log_var/kernel", "variational_1/log_var/bias",
    "dense_1/kernel", "dense_1/bias",
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
    # Train as the studio does: 10 epochs of shuffled batches of 128,
    # validating on the test set after each epoch.
    autoencoder.fit(
        x_train, x_train,
        epochs=10,
        batch_size=128,
        shuffle=True,
        validation_data=(x_test, x_test),
    )
