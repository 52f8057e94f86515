namespace Bench.Hardware.Simulation.Pstn;

/// <summary>What a simulated Hayes modem is doing.</summary>
public enum HayesModemState
{
    /// <summary>Unpowered: silent, on-hook, deaf to its serial port.</summary>
    Off,

    /// <summary>On-hook, taking AT commands.</summary>
    Command,

    /// <summary>Off-hook after ATD: waiting for dial tone, dialling, waiting for the answer and training.</summary>
    Dialing,

    /// <summary>An incoming call is ringing (RING on the serial port).</summary>
    Ringing,

    /// <summary>Off-hook after ATA or auto-answer: training.</summary>
    Answering,

    /// <summary>Connected, in data mode: serial bytes go down the line.</summary>
    Online,

    /// <summary>Connected, escaped to command mode with <c>+++</c>; <c>ATO</c> returns, <c>ATH</c> hangs up.</summary>
    OnlineCommand,
}
