using System.Net;
using Bench.Codec;

namespace Bench.Host;

/// <summary>How the host listens, how long it waits for slow peers, and what it hands out at sign-on.</summary>
public sealed record HostOptions
{
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>0 picks an ephemeral port; read the bound one from <see cref="HostSimulator.LocalEndPoint"/>.</summary>
    public int Port { get; init; }

    public int MaximumBodyLength { get; init; } = Framing.MaxBodyLength;

    /// <summary>Once a frame's first byte arrived, the rest must arrive within this, or the connection is closed with a protocol error.</summary>
    public TimeSpan FrameReadDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a connection may sit silent between frames before the host closes it. It does not
    /// run while the host owes the connection a reply (a delay holding it): the allowance starts
    /// afresh once the last pending reply is sent or given up.
    /// </summary>
    public TimeSpan IdleAllowance { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The clock of the read deadlines: real time, even on a simulated rig whose reply delays run on
    /// a scaled clock, because a stuck peer costs real resources. Tests pass a fake one.
    /// </summary>
    public TimeProvider DeadlineClock { get; init; } = TimeProvider.System;

    /// <summary>The working keys of every terminal whose master key the host does not know: handed out in the clear at sign-on.</summary>
    public WorkingKeys WorkingKeys { get; init; } = WorkingKeys.Test;

    /// <summary>
    /// Terminal id → the terminal's master key (the campaign's profiles' <c>masterKeyFile</c>). Such a terminal gets
    /// fresh working keys at each sign-on, wrapped under its key, and its MACs are checked with its own MAC key
    /// (<see cref="TerminalKeyRegistry"/>). Empty: every terminal shares <see cref="WorkingKeys"/>.
    /// </summary>
    public IReadOnlyDictionary<string, TerminalMasterKey> TerminalMasterKeys { get; init; } = new Dictionary<string, TerminalMasterKey>();

    /// <summary>Sign replies (field 64) whose request carried a MAC, with the working MAC key. Off: replies carry no MAC.</summary>
    public bool SignReplies { get; init; } = true;

    public int ListenBacklog { get; init; } = 512;

    /// <summary>Throws when a value cannot work, so a bad option fails where the host is made rather than in its first connection.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(ListenAddress);
        ArgumentNullException.ThrowIfNull(DeadlineClock);
        ArgumentNullException.ThrowIfNull(WorkingKeys);
        ArgumentNullException.ThrowIfNull(TerminalMasterKeys);
        foreach (var (terminalId, masterKey) in TerminalMasterKeys)
        {
            if (string.IsNullOrEmpty(terminalId)) throw new ArgumentException("a terminal master key needs a terminal id", nameof(TerminalMasterKeys));
            if (masterKey is null) throw new ArgumentException($"terminal {terminalId} has no master key (null)", nameof(TerminalMasterKeys));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(Port, IPEndPoint.MinPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, IPEndPoint.MaxPort);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaximumBodyLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaximumBodyLength, Framing.MaxBodyLength);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FrameReadDeadline, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(FrameReadDeadline, TimerLimit.Longest);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(IdleAllowance, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(IdleAllowance, TimerLimit.Longest);
        ArgumentOutOfRangeException.ThrowIfLessThan(ListenBacklog, 1);
    }
}
