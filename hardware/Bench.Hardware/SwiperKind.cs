namespace Bench.Hardware;

/// <summary>Which actuator swipes the card (rig file <c>swiper: solenoid|servo</c>).</summary>
public enum SwiperKind
{
    /// <summary>The GPIO-driven swipe solenoid (<see cref="SwipeSolenoid"/>), one fixed-speed stroke per swipe.</summary>
    Solenoid,

    /// <summary>A hobby servo on a PCA9685 channel (<see cref="ServoSwiper"/>); its stroke speed can be varied (slow swipe).</summary>
    Servo,
}
