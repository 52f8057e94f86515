using System.Device.Gpio;

namespace Bench.Hardware;

/// <summary>What a device constructor does when it fails after opening some of its pins.</summary>
internal static class PinCleanup
{
    /// <summary>
    /// Closes the pins the constructor opened (and the controller it was to own), swallowing secondary
    /// failures so the exception that stopped the constructor is the one the caller sees.
    /// </summary>
    public static void CloseAfterFailedOpen(GpioController controller, IEnumerable<int> opened, bool shouldDispose)
    {
        foreach (int pin in opened)
        {
            try
            {
                controller.ClosePin(pin);
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException or ArgumentException)
            {
                // Already failing: the original exception says what went wrong.
            }
        }

        if (shouldDispose)
        {
            controller.Dispose();
        }
    }
}
