namespace MachActors.Kernel.Vm;

public sealed partial class VmObjectState
{
    /// <summary>
    /// lock_request: per page in the range, ascending, in the order of spec §2.2: (1) page_lock :=
    /// lock_value unless no change, added prohibitions going out at once as RestrictMappings; (2) with
    /// RETURN_DIRTY and a dirty page, or RETURN_ALL and a dirty or precious page, data_return with
    /// kernel_copy = !flush (a kept page is then clean and no longer precious); (3) with flush, the page is
    /// unmapped and freed (RETURN_NONE + flush discards dirty and precious data, I9). Every page reached
    /// has its unlock_request cleared and its unlock waiters resumed with Retry, even for "no change" (I7).
    /// A busy page makes the rest wait until it is no longer busy (R8). lock_completed to reply_to at the end.
    /// </summary>
    private KernReturn OnLockRequest(LockRequest m)
    {
        if (!ValidRange(m.Offset, m.Size) || !Enum.IsDefined(m.ShouldReturn) || (m.LockValue is { } lv && (lv & ~VmProt.All) != 0))
        {
            Counts.Malformed++;
            return KernReturn.InvalidArgument;
        }
        ContinueLock(m, m.Offset, Control!.Value);
        return KernReturn.Success;
    }

    private void ContinueLock(LockRequest m, long from, ControlIncarnation control)
    {
        if (Control != control || Life != VmObjectLife.Active || Binding != VmPagerBinding.Ready && Binding != VmPagerBinding.InitSent) return;
        foreach (var offset in OffsetsIn(m.Offset, m.Size, from))
        {
            if (!_pages.TryGetValue(offset, out var page)) continue;
            if (page.Busy)
            {
                _deferred.Add((offset, () => ContinueLock(m, offset, control)));
                return;
            }
            if (page.Absent)
            {
                if (m.ShouldFlush) RemovePage(page);
                continue;
            }
            LockPage(page, m, control);
        }
        if (m.ReplyTo is { } replyTo) Emit(replyTo, s => new LockCompleted(s, control, m.Offset, m.Size));
    }

    private void LockPage(VmPage page, LockRequest m, ControlIncarnation control)
    {
        var offset = page.Offset;
        if (m.LockValue is { } lockValue)
        {
            var added = lockValue & ~page.PageLock;
            page.PageLock = lockValue;
            if (added != VmProt.None && !m.ShouldFlush) _effects.Add(new VmObjectEffect.RestrictMappings(offset, VmProt.All & ~lockValue));
        }
        var send = m.ShouldReturn switch
        {
            LockReturnPolicy.Dirty => page.Dirty,
            LockReturnPolicy.All => page.Dirty || page.Precious,
            _ => false,
        };
        if (send)
        {
            var data = _frames.Read(page.Frame!.Value);
            var dirty = page.Dirty;
            var keep = !m.ShouldFlush;
            Emit(Pager!, s => new DataReturn(s, control, offset, data, dirty, keep));
            Counts.Returns++;
            page.Dirty = false;
            page.Precious = false;
        }
        ClearUnlock(page);
        WakeAll(page.UnlockWaiters, Retry(offset));
        if (m.ShouldFlush)
        {
            _effects.Add(new VmObjectEffect.RestrictMappings(offset, VmProt.None));
            RemovePage(page);
        }
    }
}
