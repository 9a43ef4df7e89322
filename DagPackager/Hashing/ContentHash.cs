namespace AirflowAspire.DagPackager.Hashing;

/// <summary>The SHA-256 of what goes into an image, in lowercase hex; the image tag is its first 12 digits.</summary>
internal sealed record ContentHash(string Hex, int FileCount, long ByteCount)
{
    public const int TagLength = 12;

    public string Tag => Hex[..TagLength];
}
