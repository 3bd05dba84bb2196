// Package atomicfile writes files so that a crash, a kill or a full disk
// never leaves a half-written or empty file where a good one stood: the new
// content goes to a temporary file in the same folder, which is synced and
// then renamed over the target, and the folder is synced so the rename
// survives a power cut. Either the old file or the new one is there, whole.
//
// Temporary files carry the writing process's ID in their names, so that a
// later write into the same folder can remove those left by a process that
// was killed mid-write.
package atomicfile
