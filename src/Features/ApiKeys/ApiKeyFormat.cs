using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace Konvrt.Portal.Features.ApiKeys;

/// <summary>
/// <c>kvt_live_</c> or <c>kvt_test_</c> + 32 random base62 characters (190 bits) + a 6-character CRC-32 checksum. The
/// checksum lets a mistyped or made-up key be refused before any database look-up, and lets secret scanners recognise
/// a real Konvrt key; the mode in the name lets people see which key is which. Keys made before test keys existed
/// (<c>kvt_</c> + the same) keep working as live keys. Only the SHA-256 of the whole key is stored.
/// </summary>
public static class ApiKeyFormat
{
    public const string LiveScheme = "kvt_live_";
    public const string TestScheme = "kvt_test_";
    /// <summary>Keys made before test keys: live.</summary>
    public const string LegacyScheme = "kvt_";
    private const int SecretLength = 32;
    private const int ChecksumLength = 6;
    /// <summary>Characters of the secret shown after the scheme, enough to tell keys apart in a list.</summary>
    private const int ShownSecretLength = 8;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Generate(bool test)
    {
        var secret = RandomNumberGenerator.GetString(Alphabet, SecretLength);
        return (test ? TestScheme : LiveScheme) + secret + Checksum(secret);
    }

    public static bool IsWellFormed(string? key)
    {
        if (key is null || !key.StartsWith(LegacyScheme, StringComparison.Ordinal))
        {
            return false;
        }
        var scheme = SchemeOf(key);
        if (key.Length != scheme.Length + SecretLength + ChecksumLength)
        {
            return false;
        }
        var secret = key.AsSpan(scheme.Length, SecretLength);
        foreach (var character in key.AsSpan(scheme.Length))
        {
            if (!Alphabet.Contains(character, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return key.AsSpan(scheme.Length + SecretLength).SequenceEqual(Checksum(secret));
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.ASCII.GetBytes(key));

    public static string DisplayPrefix(string key) => key[..(SchemeOf(key).Length + ShownSecretLength)];

    private static string SchemeOf(string key) =>
        key.StartsWith(TestScheme, StringComparison.Ordinal) ? TestScheme
        : key.StartsWith(LiveScheme, StringComparison.Ordinal) ? LiveScheme
        : LegacyScheme;

    private static string Checksum(ReadOnlySpan<char> secret)
    {
        Span<byte> bytes = stackalloc byte[SecretLength];
        Encoding.ASCII.GetBytes(secret, bytes);
        var crc = BinaryPrimitives.ReadUInt32BigEndian(Crc32.Hash(bytes));
        var text = new char[ChecksumLength];
        for (var index = ChecksumLength - 1; index >= 0; index--)
        {
            text[index] = Alphabet[(int)(crc % 62)];
            crc /= 62;
        }
        return new string(text);
    }
}
