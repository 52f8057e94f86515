namespace Bench.Hardware.Ecr;

/// <summary>How a scripted ECR dialect frames its messages on the serial line.</summary>
public enum EcrFraming
{
    /// <summary>Text ended by a line ending; no acknowledgement.</summary>
    Line,

    /// <summary>STX, the text, ETX, then an LRC byte (XOR of the text and ETX); each frame answered ACK or NAK.</summary>
    StxEtxLrc,
}
