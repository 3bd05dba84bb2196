// Package locale gives the process a well-formed locale before Fyne reads it.
//
// Fyne parses the user's locale while its packages initialise and logs an
// error for the POSIX locale ("C"), which Debian containers and CI machines
// use; it then falls back to English anyway. Importing this package first
// (main does) sets LANG to en_US.UTF-8 in that case only, so the command line
// prints nothing but its own output. Go initialises this package before
// Fyne's because its import path sorts first and it depends only on os.
package locale

import "os"

func init() {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		switch os.Getenv(v) {
		case "", "C", "POSIX", "C.UTF-8", "C.utf8":
			continue
		}
		return // a real locale is set
	}
	os.Unsetenv("LC_ALL")
	os.Unsetenv("LC_MESSAGES")
	os.Setenv("LANG", "en_US.UTF-8")
}
