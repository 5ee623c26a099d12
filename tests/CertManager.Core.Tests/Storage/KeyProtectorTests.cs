using System.Runtime.Versioning;
using System.Security.Cryptography;
using CertManager.Core.Storage;
using CertManager.Testing;

namespace CertManager.Core.Tests.Storage;

// File modes are the Unix permission bits the console relies on; Windows uses ACLs instead.
[UnsupportedOSPlatform("windows")]
public sealed class KeyProtectorTests : IDisposable
{
    private const string Purpose = "server-certificate-private-key";
    private static readonly byte[] Secret = "-----not really a key, but secret-----"u8.ToArray();

    private readonly TempDirectory _directory = new("certmanager-keys");
    private readonly DataDirectory _dataDirectory;

    public KeyProtectorTests()
    {
        _dataDirectory = new DataDirectory(_directory.Path);
        _dataDirectory.EnsureCreated();
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void LoadOrCreate_ProvidedMasterKeyFileMissing_RefusesAndCreatesNothing()
    {
        var provided = Path.Combine(_directory.Path, "elsewhere", "master.key");

        var refused = Assert.Throws<InvalidDataException>(() => KeyProtector.LoadOrCreate(new DataDirectory(_directory.Path, provided)));

        Assert.Contains("CertManager:MasterKeyFile", refused.Message, StringComparison.Ordinal);
        Assert.Contains(provided, refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(provided));
        Assert.False(File.Exists(_dataDirectory.MasterKeyFile));
    }

    [Fact]
    public void Unprotect_TwoDataDirectoriesGivenOneMasterKeyFile_ReadEachOthersKeys()
    {
        var shared = Path.Combine(_directory.Path, "shared-master.key");
        File.WriteAllBytes(shared, RandomNumberGenerator.GetBytes(32));
        using var otherDirectory = new TempDirectory("certmanager-keys-b");

        var protectedByA = KeyProtector.LoadOrCreate(new DataDirectory(_directory.Path, shared)).Protect(Secret, Purpose);
        var readByB = KeyProtector.LoadOrCreate(new DataDirectory(otherDirectory.Path, shared)).Unprotect(protectedByA, Purpose);

        Assert.Equal(Secret, readByB);
        Assert.False(File.Exists(_dataDirectory.MasterKeyFile));
    }

    [Fact]
    public void Unprotect_WhatWasProtected_ReturnsTheOriginalBytes()
    {
        var protector = KeyProtector.LoadOrCreate(_dataDirectory);

        var roundTripped = protector.Unprotect(protector.Protect(Secret, Purpose), Purpose);

        Assert.Equal(Secret, roundTripped);
    }

    [Fact]
    public void Protect_SameBytesTwice_DifferentCiphertextWithoutThePlaintext()
    {
        var protector = KeyProtector.LoadOrCreate(_dataDirectory);

        var first = protector.Protect(Secret, Purpose);
        var second = protector.Protect(Secret, Purpose);

        Assert.NotEqual(first, second);
        Assert.Equal("CMK1"u8.ToArray(), first[..4]);
        Assert.Equal(-1, first.AsSpan().IndexOf(Secret.AsSpan(0, 16)));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(-1)]
    public void Unprotect_OneBitFlippedInNonceTagOrCiphertext_ThrowsCryptographicException(int offset)
    {
        var protector = KeyProtector.LoadOrCreate(_dataDirectory);
        var tampered = protector.Protect(Secret, Purpose);
        tampered[offset >= 0 ? offset : tampered.Length + offset] ^= 0x01;

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(tampered, Purpose));
    }

    [Fact]
    public void Unprotect_WrongPurpose_ThrowsCryptographicException()
    {
        var protector = KeyProtector.LoadOrCreate(_dataDirectory);
        var protectedData = protector.Protect(Secret, Purpose);

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(protectedData, "scep-challenge-password"));
    }

    [Fact]
    public void Unprotect_OtherDataDirectoriesMasterKey_ThrowsCryptographicException()
    {
        using var otherDirectory = new TempDirectory("certmanager-keys");
        var other = KeyProtector.LoadOrCreate(new DataDirectory(otherDirectory.Path));
        var protectedData = KeyProtector.LoadOrCreate(_dataDirectory).Protect(Secret, Purpose);

        Assert.ThrowsAny<CryptographicException>(() => other.Unprotect(protectedData, Purpose));
    }

    [Theory]
    [InlineData("")]
    [InlineData("CMK1")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ\n-----END PRIVATE KEY-----\n")]
    public void Unprotect_NotInKeyFormat_ThrowsNamingTheFormat(string content)
    {
        var protector = KeyProtector.LoadOrCreate(_dataDirectory);

        var exception = Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(System.Text.Encoding.UTF8.GetBytes(content), Purpose));

        Assert.Contains("not in the CertManager key format", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOrCreate_FirstStart_CreatesA32ByteMasterKeyWithMode0600()
    {
        Assert.False(File.Exists(_dataDirectory.MasterKeyFile));

        KeyProtector.LoadOrCreate(_dataDirectory);

        Assert.Equal(32, new FileInfo(_dataDirectory.MasterKeyFile).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dataDirectory.MasterKeyFile));
    }

    [Fact]
    public void LoadOrCreate_SecondStart_ReusesTheMasterKey()
    {
        var first = KeyProtector.LoadOrCreate(_dataDirectory);
        var masterKey = File.ReadAllBytes(_dataDirectory.MasterKeyFile);
        var protectedData = first.Protect(Secret, Purpose);

        var second = KeyProtector.LoadOrCreate(_dataDirectory);

        Assert.Equal(masterKey, File.ReadAllBytes(_dataDirectory.MasterKeyFile));
        Assert.Equal(Secret, second.Unprotect(protectedData, Purpose));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void LoadOrCreate_DamagedMasterKeyFile_ThrowsNamingTheFileAndLeavesItAlone(int length)
    {
        var damaged = new byte[length];
        File.WriteAllBytes(_dataDirectory.MasterKeyFile, damaged);

        var exception = Assert.Throws<InvalidDataException>(() => KeyProtector.LoadOrCreate(_dataDirectory));

        Assert.Contains(_dataDirectory.MasterKeyFile, exception.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", exception.Message, StringComparison.Ordinal);
        Assert.Equal(damaged, File.ReadAllBytes(_dataDirectory.MasterKeyFile));
    }
}
