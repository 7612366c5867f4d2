//go:build !(linux && cgo)

package main

// capMallocArenas is glibc tuning; elsewhere there is nothing to cap.
func capMallocArenas() {}
