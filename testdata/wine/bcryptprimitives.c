/*
 * bcryptprimitives.dll for Wine 8, FOR TESTS ONLY: it must never ship.
 *
 * The Go runtime (1.24 and later) reads its random bytes with ProcessPrng
 * from bcryptprimitives.dll, which every supported Windows has but Wine 8
 * lacks, so a Go program dies at start with "bcryptprimitives.dll not
 * found". TestWindowsPackage builds this file with mingw-w64 into the
 * system32 folder of its throwaway Wine prefix; ProcessPrng here takes its
 * bytes from RtlGenRandom (advapi32's SystemFunction036).
 */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	/* RtlGenRandom takes a ULONG length: fill in chunks. */
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!RtlGenRandom(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
