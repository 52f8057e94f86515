using System.Text;
using Microsoft.Win32.SafeHandles;
using static Bench.Hardware.Simulation.PseudoTerminalNative;

namespace Bench.Hardware.Simulation;

/// <summary>
/// A pseudo-terminal pair standing in for the terminal's ECR serial cable: the controller opens
/// <see cref="SlavePath"/> with <c>System.IO.Ports.SerialPort</c> like a real port, the simulated terminal
/// reads and writes <see cref="MasterStream"/>. The slave is set to raw mode so bytes pass unchanged.
/// </summary>
/// <remarks>
/// Linux only. Ptys have no modem lines: the controller must not touch DTR/RTS/CTS/DCD on the slave, and
/// carrier loss has to be signalled in-band. The pair keeps its own slave descriptor open for its whole
/// life, so the master never sees a hang-up between the controller closing and re-opening the port.
/// </remarks>
public sealed unsafe class PseudoTerminalPair : IDisposable
{
    private readonly SafeFileHandle master;
    private readonly SafeFileHandle slave;
    private readonly PseudoTerminalStream stream;
    private bool disposed;

    /// <summary>Opens a new pty pair in raw mode.</summary>
    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    /// <exception cref="IOException">The system refused (e.g. out of ptys).</exception>
    public PseudoTerminalPair()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the simulated serial link needs Linux pseudo-terminals");
        }

        if (OpenPty(out int master, out int slave, 0, 0, 0) != 0)
        {
            throw LastError("openpty");
        }

        this.master = new SafeFileHandle(master, ownsHandle: true);
        this.slave = new SafeFileHandle(slave, ownsHandle: true);
        try
        {
            // Child processes (socat, tshark, ...) must not inherit the terminal's end of the cable.
            SetCloseOnExec(master);
            SetCloseOnExec(slave);
            MakeSlaveRaw(slave);
            SlavePath = ReadTerminalName(slave);

            // Non-blocking master: reads and writes wait in poll, where a cancellation can wake them.
            int flags = FileControl(master, GetFileStatusFlags, 0);
            if (flags < 0 || FileControl(master, SetFileStatusFlags, flags | NonBlocking) < 0)
            {
                throw LastError("fcntl(O_NONBLOCK)");
            }

            stream = new PseudoTerminalStream(this.master);
        }
        catch
        {
            this.master.Dispose();
            this.slave.Dispose();
            throw;
        }
    }

    /// <summary>The slave device (e.g. /dev/pts/3) for the controller's <c>SerialPort</c>.</summary>
    public string SlavePath { get; }

    /// <summary>
    /// The simulated terminal's end: bytes written here arrive at the serial port and vice versa. Reads block
    /// until at least one byte is available and honour cancellation tokens.
    /// </summary>
    public Stream MasterStream => stream;

    /// <summary>Closes both ends; pending reads on <see cref="MasterStream"/> end with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        stream.Dispose();
        master.Dispose();
        slave.Dispose();
    }

    private static void SetCloseOnExec(int fd)
    {
        if (FileControl(fd, SetDescriptorFlags, CloseOnExec) < 0)
        {
            throw LastError("fcntl(FD_CLOEXEC)");
        }
    }

    private static void MakeSlaveRaw(int slave)
    {
        byte* termios = stackalloc byte[TermiosBufferSize];
        new Span<byte>(termios, TermiosBufferSize).Clear();
        if (GetTerminalAttributes(slave, termios) != 0)
        {
            throw LastError("tcgetattr");
        }

        MakeRaw(termios);
        if (SetTerminalAttributes(slave, SetAttributesNow, termios) != 0)
        {
            throw LastError("tcsetattr");
        }
    }

    private static string ReadTerminalName(int fd)
    {
        const int length = 256;
        byte* buffer = stackalloc byte[length];
        int error = TerminalName(fd, buffer, length);
        if (error != 0)
        {
            throw new IOException($"ttyname_r failed (errno {error})", error);
        }

        var name = new ReadOnlySpan<byte>(buffer, length);
        int terminator = name.IndexOf((byte)0);
        return Encoding.UTF8.GetString(terminator < 0 ? name : name[..terminator]);
    }
}
