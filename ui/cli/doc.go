// Package cli is the studio's headless command line: subcommands that train
// the tutorial's autoencoders and write their results without opening a
// window.
package cli
