using System;
using System.Runtime.InteropServices;
using System.Security;

namespace EscFirmware.Core.Targets
{
    /// <summary>
    /// A user name and a password kept as a <see cref="SecureString"/>. The password exists as a managed string only
    /// inside <see cref="UsePassword{T}"/>, for the moment it takes to build one login request.
    /// </summary>
    public sealed class BmcCredential
    {
        private readonly SecureString _password;

        public BmcCredential(string userName, SecureString password)
        {
            if (string.IsNullOrEmpty(userName)) throw new ArgumentException("A user name is required.", nameof(userName));
            UserName = userName;
            _password = password ?? throw new ArgumentNullException(nameof(password));
            if (!_password.IsReadOnly()) _password.MakeReadOnly();
        }

        public string UserName { get; }

        public static BmcCredential FromPlainText(string userName, string password)
        {
            var secure = new SecureString();
            foreach (var c in password ?? string.Empty) secure.AppendChar(c);
            return new BmcCredential(userName, secure);
        }

        public T UsePassword<T>(Func<string, T> use)
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(_password);
                return use(Marshal.PtrToStringUni(pointer) ?? string.Empty);
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        public override string ToString() => UserName;
    }
}
