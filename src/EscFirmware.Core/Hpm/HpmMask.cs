namespace EscFirmware.Core.Hpm
{
    internal static class HpmMask
    {
        public static bool IsSingleBit(byte mask) => mask != 0 && (mask & (mask - 1)) == 0;

        public static int LowestBit(byte mask)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                if ((mask & (1 << bit)) != 0) return bit;
            }
            return -1;
        }
    }
}
