using System.Runtime.InteropServices;

namespace Bench.Hardware.Simulation;

/// <summary>The few libc calls a pseudo-terminal needs (Linux; glibc ≥ 2.34 or musl, where openpty is in libc).</summary>
internal static unsafe partial class PseudoTerminalNative
{
    public const short PollIn = 0x001;
    public const short PollOut = 0x004;
    public const short PollError = 0x008;
    public const short PollHangUp = 0x010;
    public const int SetAttributesNow = 0;
    public const int GetFileStatusFlags = 3;
    public const int SetFileStatusFlags = 4;
    public const int SetDescriptorFlags = 2;
    public const int CloseOnExec = 1;
    public const int NonBlocking = 0x800;
    public const int ErrorInterrupted = 4;
    public const int ErrorInputOutput = 5;
    public const int ErrorTryAgain = 11;
    public const int EventFdCloseOnExec = 0x80000;
    public const int EventFdNonBlocking = 0x800;

    // glibc's struct termios is 60 bytes; a larger buffer leaves room for any libc's layout.
    public const int TermiosBufferSize = 256;

    private const string Libc = "libc";

    [LibraryImport(Libc, EntryPoint = "openpty", SetLastError = true)]
    public static partial int OpenPty(out int master, out int slave, nint name, nint termios, nint windowSize);

    [LibraryImport(Libc, EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int GetTerminalAttributes(int fd, byte* termios);

    [LibraryImport(Libc, EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int SetTerminalAttributes(int fd, int when, byte* termios);

    [LibraryImport(Libc, EntryPoint = "cfmakeraw")]
    public static partial void MakeRaw(byte* termios);

    // Returns an error number rather than setting errno.
    [LibraryImport(Libc, EntryPoint = "ttyname_r")]
    public static partial int TerminalName(int fd, byte* buffer, nuint length);

    [LibraryImport(Libc, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int FileControl(int fd, int command, int argument);

    [LibraryImport(Libc, EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initialValue, int flags);

    [LibraryImport(Libc, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMilliseconds);

    [LibraryImport(Libc, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport(Libc, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    public static IOException LastError(string what)
    {
        int error = Marshal.GetLastPInvokeError();
        return new IOException($"{what} failed: {Marshal.GetPInvokeErrorMessage(error)} (errno {error})", error);
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollDescriptor
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }
}
