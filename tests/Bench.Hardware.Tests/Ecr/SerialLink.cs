using System.IO.Ports;
using Bench.Hardware.Simulation;

namespace Bench.Hardware.Tests.Ecr;

/// <summary>A pty whose slave the controller opens with <see cref="SerialPort"/>, as on a real rig; the test plays the terminal on the master.</summary>
internal sealed class SerialLink : IDisposable
{
    private readonly PseudoTerminalPair pair = new();
    private readonly SerialPort port;

    public SerialLink()
    {
        port = new SerialPort(pair.SlavePath, 115200);
        port.Open();
    }

    public Stream ControllerEnd => port.BaseStream;

    public Stream TerminalEnd => pair.MasterStream;

    public void Dispose()
    {
        port.Dispose();
        pair.Dispose();
    }
}
