using Microsoft.Win32.SafeHandles;
using static Bench.Hardware.Simulation.PseudoTerminalNative;

namespace Bench.Hardware.Simulation;

/// <summary>
/// An eventfd that wakes a thread waiting in poll(): <see cref="Signal"/> makes it readable until
/// <see cref="Drain"/> empties it. Signalling after disposal does nothing, so a late cancellation
/// callback is harmless.
/// </summary>
internal sealed unsafe class WakeEvent : IDisposable
{
    public WakeEvent()
    {
        int descriptor = EventFd(0, EventFdCloseOnExec | EventFdNonBlocking);
        if (descriptor < 0)
        {
            throw LastError("eventfd");
        }

        Handle = new SafeFileHandle(descriptor, ownsHandle: true);
    }

    /// <summary>The descriptor to poll for readability.</summary>
    public SafeFileHandle Handle { get; }

    /// <summary>Makes the event readable (adds one to its counter).</summary>
    public void Signal() => Transfer(signal: true);

    /// <summary>Empties the event, so the next poll waits again.</summary>
    public void Drain() => Transfer(signal: false);

    public void Dispose() => Handle.Dispose();

    // The descriptor must not be closed (and its number reused) during the call. A non-blocking eventfd
    // never waits: a full counter or an empty one just fails, which is fine for a wake-up.
    private void Transfer(bool signal)
    {
        bool added = false;
        try
        {
            Handle.DangerousAddRef(ref added);
            int descriptor = (int)Handle.DangerousGetHandle();
            ulong value = 1;
            _ = signal
                ? PseudoTerminalNative.Write(descriptor, (byte*)&value, sizeof(ulong))
                : PseudoTerminalNative.Read(descriptor, (byte*)&value, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
            // Already closed: nobody waits on it any more.
        }
        finally
        {
            if (added)
            {
                Handle.DangerousRelease();
            }
        }
    }
}
