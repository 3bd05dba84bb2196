//go:build windows

package atomicfile

import "golang.org/x/sys/windows"

// processAlive reports whether a process with ID pid is still running.
func processAlive(pid int) bool {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		// Access denied means the process exists; anything else, it is gone.
		return err == windows.ERROR_ACCESS_DENIED
	}
	defer windows.CloseHandle(h)
	var code uint32
	if err := windows.GetExitCodeProcess(h, &code); err != nil {
		return true
	}
	const stillActive = 259
	return code == stillActive
}

// syncDir does nothing on Windows, where a rename is durable once
// MoveFileEx returns and folders cannot be opened for syncing.
func syncDir(string) error { return nil }
