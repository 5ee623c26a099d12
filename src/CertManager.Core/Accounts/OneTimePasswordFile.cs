using System.Text;
using CertManager.Core.Storage;

namespace CertManager.Core.Accounts;

/// <summary>
/// The first administrator's generated one-time password, in a file of the data directory readable only by the
/// service account (mode 0600 from its first byte). The log names the file, never the password; the file is deleted
/// when the first administrator changes the password.
/// </summary>
public sealed class OneTimePasswordFile(DataDirectory dataDirectory)
{
    public string Path => System.IO.Path.Combine(dataDirectory.Root, "first-administrator-password");

    /// <summary>Writes the password (replacing a file left by an earlier, abandoned data directory's start).</summary>
    public void Write(string password)
    {
        dataDirectory.EnsureCreated();
        File.Delete(Path);
        SecureFile.WriteNewPrivateFile(Path, Encoding.UTF8.GetBytes(password + "\n"));
    }

    public void Delete() => File.Delete(Path);
}
