//go:build !windows

package main

// attachConsole is needed only on Windows, where the app is a GUI-subsystem
// program started without a console: elsewhere a command started from a
// terminal prints there.
func attachConsole() {}
