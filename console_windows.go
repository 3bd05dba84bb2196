package main

import (
	"log"
	"os"

	"golang.org/x/sys/windows"
)

// attachParentProcess is ATTACH_PARENT_PROCESS, (DWORD)-1: AttachConsole
// attaches to the console of the process that started this one.
const attachParentProcess = ^uintptr(0)

var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// attachConsole lets a headless command of the Windows build, a
// GUI-subsystem program that Windows starts with no console, print in the
// cmd or PowerShell window it was typed in: it attaches to the parent's
// console and points os.Stdout and os.Stderr at it. A stream that already
// has a handle, as when it is redirected to a file or a pipe, keeps it; a
// program started from Explorer has no parent console and stays silent.
func attachConsole() {
	stdout, stderr := hasHandle(windows.STD_OUTPUT_HANDLE), hasHandle(windows.STD_ERROR_HANDLE)
	if stdout && stderr {
		return
	}
	if ok, _, _ := procAttachConsole.Call(attachParentProcess); ok == 0 {
		return
	}
	if !stdout {
		if f := openConsole(windows.STD_OUTPUT_HANDLE, "/dev/stdout"); f != nil {
			os.Stdout = f
		}
	}
	if !stderr {
		if f := openConsole(windows.STD_ERROR_HANDLE, "/dev/stderr"); f != nil {
			os.Stderr = f
			log.SetOutput(f) // the log package kept the stderr of before
		}
	}
}

// hasHandle reports whether the standard stream std (STD_OUTPUT_HANDLE or
// STD_ERROR_HANDLE) has a usable handle: a console, a file or a pipe.
func hasHandle(std uint32) bool {
	h, err := windows.GetStdHandle(std)
	if err != nil || h == 0 || h == windows.InvalidHandle {
		return false
	}
	_, err = windows.GetFileType(h)
	return err == nil
}

// openConsole opens the attached console's output as the standard stream
// std and returns it as a file named name, or nil if it cannot be opened.
func openConsole(std uint32, name string) *os.File {
	conout, _ := windows.UTF16PtrFromString("CONOUT$")
	h, err := windows.CreateFile(conout, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE, nil, windows.OPEN_EXISTING, 0, 0)
	if err != nil {
		return nil
	}
	windows.SetStdHandle(std, h)
	return os.NewFile(uintptr(h), name)
}
