using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace Konvrt.Portal.Features.ApiKeys;

/// <summary>
/// <c>kvt_</c> + 32 random base62 characters (190 bits) + a 6-character CRC-32 checksum. The checksum lets a
/// mistyped or made-up key be refused before any database look-up, and lets secret scanners recognise a
/// real Konvrt key. Only the SHA-256 of the whole key is stored.
/// </summary>
public static class ApiKeyFormat
{
    public const string Scheme = "kvt_";
    private const int SecretLength = 32;
    private const int ChecksumLength = 6;
    private const int PrefixLength = 12;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static int Length => Scheme.Length + SecretLength + ChecksumLength;

    public static string Generate()
    {
        var secret = RandomNumberGenerator.GetString(Alphabet, SecretLength);
        return Scheme + secret + Checksum(secret);
    }

    public static bool IsWellFormed(string? key)
    {
        if (key is null || key.Length != Length || !key.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }
        var secret = key.AsSpan(Scheme.Length, SecretLength);
        foreach (var character in key.AsSpan(Scheme.Length))
        {
            if (!Alphabet.Contains(character, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return key.AsSpan(Scheme.Length + SecretLength).SequenceEqual(Checksum(secret));
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.ASCII.GetBytes(key));

    public static string DisplayPrefix(string key) => key[..PrefixLength];

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
