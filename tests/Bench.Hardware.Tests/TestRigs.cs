using Bench.Hardware.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Hardware.Tests;

/// <summary>Helpers shared by the rig tests.</summary>
internal static class TestRigs
{
    // Only limits how long a broken test can hang; never part of what is asserted.
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public static SimulatedRig Create(FakeTimeProvider clock, RigDefinition? definition = null) =>
        new(definition ?? SimulatedRig.DefaultDefinition, clock);

    /// <summary>Starts an operation that waits on the fake clock, advances the clock, and awaits the result.</summary>
    public static async Task<T> AdvanceThrough<T>(FakeTimeProvider clock, Func<Task<T>> operation, TimeSpan advance)
    {
        Task<T> task = operation();
        clock.Advance(advance);
        return await task.WaitAsync(Bound);
    }

    /// <summary>As <see cref="AdvanceThrough{T}"/> for operations without a result.</summary>
    public static async Task AdvanceThrough(FakeTimeProvider clock, Func<Task> operation, TimeSpan advance)
    {
        Task task = operation();
        clock.Advance(advance);
        await task.WaitAsync(Bound);
    }

    /// <summary>The settle time of every relay in the default definition.</summary>
    public static TimeSpan Settle => SimulatedRig.DefaultDefinition.PhoneLine!.SettleTime;
}
