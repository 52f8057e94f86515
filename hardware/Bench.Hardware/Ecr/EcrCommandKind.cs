namespace Bench.Hardware.Ecr;

/// <summary>The commands a controller can send to a terminal's ECR port.</summary>
public enum EcrCommandKind
{
    Sale,
    Status,
}
