using Bench.Codec;
using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal;

/// <summary>
/// The sign-on procedure: 0800 → 0810, batch from the reply's field 60 and, for a terminal with a master key,
/// the working keys from its field 62 (a reply whose keys do not check is a failed sign-on).
/// </summary>
public sealed partial class SimulatedTerminal
{
    /// <summary>What the ECR port is told when the sign-on reply's working keys do not check.</summary>
    public const string KeyErrorReason = "KEY ERROR";

    private static readonly HashSet<string> ReSignOnCodes =
        [ResponseCodes.ReSignOnRequired, ResponseCodes.BatchOrKeyMismatch, ResponseCodes.MacFailure];

    /// <summary>
    /// A stand-alone sign-on (at boot, or when the host asked for one): the terminal is in
    /// <see cref="TerminalState.SigningOn"/> and ends <see cref="TerminalState.Idle"/>, printing READY when it succeeded.
    /// </summary>
    private async Task SignOnAsync(PowerSession power)
    {
        var signedOn = await SignOnExchangeAsync(power);
        EndOfTransactionConnection(power);
        MoveTo(power, TerminalState.Idle);
        if (signedOn) await WriteEcrAsync(power, EcrProtocol.Ready);
    }

    /// <summary>Connects if needed, sends the 0800 and applies the 0810. True when signed on.</summary>
    private async Task<bool> SignOnExchangeAsync(PowerSession power)
    {
        await WriteEcrAsync(power, EcrProtocol.SigningOn);
        power.SignedOn = false;
        // Whatever happens now, the host may hand out new keys: the old ones are not trusted any more.
        power.WorkingMacKey = null;
        var connection = await EnsureConnectedAsync(power);
        if (connection is null)
        {
            await WriteEcrAsync(power, EcrProtocol.SignOnFailed("COMM ERROR"));
            return false;
        }
        var request = factory.SignOn(NextStan(power), power.Counters.Batch);
        var reply = await ExchangeAsync(power, connection, request, sentLine: null);
        switch (reply.End)
        {
            case HostReply.Ending.TimedOut:
                await WriteEcrAsync(power, EcrProtocol.SignOnFailed("TIMEOUT"));
                return false;
            case HostReply.Ending.ConnectionLost:
                await WriteEcrAsync(power, EcrProtocol.SignOnFailed("COMM ERROR"));
                return false;
        }
        var message = reply.Message!;
        if (message.ResponseCode != ResponseCodes.Approved)
        {
            await WriteEcrAsync(power, EcrProtocol.SignOnFailed("DECLINED " + EcrProtocol.Word(message.ResponseCode)));
            return false;
        }
        if (options.MasterKey is { } masterKey && TakeWorkingKeys(power, masterKey, message) is { } problem)
        {
            Print(power, "SIGN ON KEYS REFUSED: " + problem);
            await WriteEcrAsync(power, EcrProtocol.SignOnFailed(KeyErrorReason));
            return false;
        }
        if (message[60] is { } field60)
        {
            try
            {
                SaveCounters(power, power.Counters with { Batch = Field60.Parse(field60).Batch });
            }
            catch (FormatException exception)
            {
                Print(power, "SIGN ON REPLY FIELD 60 UNUSABLE " + exception.Message);
            }
        }
        power.SignedOn = true;
        power.ReSignOnRequested = false;
        await WriteEcrAsync(power, EcrProtocol.SignedOn(power.Counters.Batch));
        return true;
    }

    /// <summary>The header's processing requirement or the response code asks for a new sign-on.</summary>
    private static bool AsksForSignOn(IsoMessage reply) =>
        reply.Header.ProcessingRequirement == ProcessingRequirement.ReSignOn
        || reply.ResponseCode is { } code && ReSignOnCodes.Contains(code);
}
