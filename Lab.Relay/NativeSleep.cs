using System.Runtime.InteropServices;

namespace TracingLab.Relay;

/// <summary>
/// Sub-millisecond sleeps: <c>nanosleep</c> on Linux and macOS (with the thread's timer slack cut to 1 ns on Linux,
/// whose 50 µs default would otherwise be added to every sleep); elsewhere <see cref="Thread.Sleep(int)"/>.
/// </summary>
internal static partial class NativeSleep
{
    private const int PrSetTimerSlack = 29;

    /// <summary>True when <see cref="Sleep"/> has microsecond resolution on this platform.</summary>
    public static bool IsPrecise { get; } = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>Makes the calling thread's sleeps as precise as the kernel allows (Linux only; a no-op elsewhere).</summary>
    public static void TightenTimerSlack()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                _ = Prctl(PrSetTimerSlack, 1, 0, 0, 0);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // Sleeps stay correct, only up to 50 µs longer.
            }
        }
    }

    /// <summary>Sleeps about <paramref name="nanoseconds"/>.</summary>
    public static void Sleep(long nanoseconds)
    {
        if (IsPrecise)
        {
            var request = new TimeSpec { Seconds = (nint)(nanoseconds / 1_000_000_000), Nanoseconds = (nint)(nanoseconds % 1_000_000_000) };
            try
            {
                _ = NanoSleep(ref request, IntPtr.Zero);
                return;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // Fall through to the portable sleep.
            }
        }

        Thread.Sleep(nanoseconds >= 1_000_000 ? (int)(nanoseconds / 1_000_000) : 0);
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int NanoSleep(ref TimeSpec request, IntPtr remaining);

    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }
}
