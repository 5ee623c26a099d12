using System.Runtime.InteropServices;

namespace CertManager.Core.Storage;

/// <summary>
/// Makes every file this process creates private to its account (umask 077), including those that libraries create
/// with default modes: the SQLite database and its journal, and the log files, which hold the one-time administrator
/// password. Files that hold keys are created 0600 explicitly anyway (<see cref="SecureFile"/>).
/// </summary>
public static class PrivateFileCreation
{
    private const uint OwnerOnly = 0b000_111_111; // 077: no group or other permissions on new files and directories

    public static void Enable()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            _ = SetUmask(OwnerOnly);
        }
    }

    // A plain DllImport: umask takes and returns an integer, so no marshalling (and no unsafe code) is involved.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "umask")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint SetUmask(uint mask);
#pragma warning restore SYSLIB1054
}
