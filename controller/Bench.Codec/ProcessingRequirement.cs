namespace Bench.Codec;

/// <summary>The header's processing-requirement nibble: what the host asks the terminal to do next.</summary>
public enum ProcessingRequirement : byte
{
    None = 0,
    DownloadParameters = 1,
    UploadStatus = 2,
    ReSignOn = 3,
    UpdateKeys = 4,
    IcParameters = 5,
    TerminalManagement = 6,
}
