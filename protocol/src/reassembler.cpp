#include "hj212/reassembler.hpp"

#include <algorithm>

namespace hj212 {
namespace {

bool has_factor_items(const OwnedGroup& g) {
    return std::any_of(g.begin(), g.end(),
                       [](const OwnedItem& it) { return it.key.find('-') != std::string::npos; });
}

} // namespace

Reassembler::Reassembler(ReassemblerLimits limits) : limits_(limits) {}

void Reassembler::drop(std::size_t index) {
    for (auto s : slots_[index].sizes)
        bytes_ -= s;
    slots_.erase(slots_.begin() + static_cast<std::ptrdiff_t>(index));
}

Reassembler::AddResult Reassembler::add(const PacketView& part, Clock now) {
    if (!part.pnum || !part.pno || *part.pno == 0 || *part.pno > *part.pnum ||
        *part.pnum > limits_.max_parts || part.segment.size() > limits_.max_bytes) {
        ++stats_.refused;
        return {Status::refused, std::nullopt};
    }
    const std::string_view mn = part.mn.value_or("");
    const std::string_view cn = part.cn.value_or("");
    auto it = std::find_if(slots_.begin(), slots_.end(), [&](const Slot& s) {
        return s.mn == mn && s.cn == cn && s.pnum == *part.pnum;
    });
    if (it == slots_.end()) {
        // A new packet with the same MN and CN but another PNUM abandons the old one.
        for (std::size_t i = 0; i < slots_.size(); ++i)
            if (slots_[i].mn == mn && slots_[i].cn == cn) {
                drop(i);
                ++stats_.evicted;
                break;
            }
        if (slots_.size() >= limits_.max_pending) {
            drop(0); // the oldest
            ++stats_.evicted;
        }
        Slot s;
        s.mn = std::string(mn);
        s.cn = std::string(cn);
        s.pnum = *part.pnum;
        s.started = now;
        s.parts.resize(*part.pnum);
        s.sizes.resize(*part.pnum, 0);
        slots_.push_back(std::move(s));
        it = slots_.end() - 1;
    }
    const std::size_t idx = *part.pno - 1;
    Status status = Status::incomplete;
    if (it->parts[idx]) {
        ++stats_.duplicates;
        status = Status::duplicate;
        bytes_ -= it->sizes[idx];
        it->sizes[idx] = 0;
    } else {
        ++it->have;
    }
    while (bytes_ + part.segment.size() > limits_.max_bytes && slots_.size() > 1) {
        const auto self = static_cast<std::size_t>(it - slots_.begin());
        const std::size_t victim = self == 0 ? 1 : 0;
        drop(victim);
        ++stats_.evicted;
        it = slots_.begin() + static_cast<std::ptrdiff_t>(victim < self ? self - 1 : self);
    }
    if (bytes_ + part.segment.size() > limits_.max_bytes) { // this packet alone is too big
        drop(static_cast<std::size_t>(it - slots_.begin()));
        ++stats_.refused;
        return {Status::refused, std::nullopt};
    }
    it->parts[idx] = Packet::from(part);
    it->sizes[idx] = part.segment.size();
    bytes_ += part.segment.size();
    ++stats_.parts;
    if (it->have < it->pnum) return {status, std::nullopt};

    Packet whole = merge(*it);
    drop(static_cast<std::size_t>(it - slots_.begin()));
    ++stats_.completed;
    return {Status::complete, std::move(whole)};
}

Packet Reassembler::merge(Slot& slot) const {
    Packet whole = std::move(*slot.parts[0]);
    whole.pnum.reset();
    whole.pno.reset();
    if (whole.flag) *whole.flag &= ~2U;
    // Leading groups without factor items (DataTime...) are repeated in every part: keep once.
    // Shared: the leading groups without factor items that every part repeats identically.
    std::size_t shared = 0;
    auto everywhere = [&](std::size_t g) {
        for (std::size_t k = 1; k < slot.parts.size(); ++k)
            if (slot.parts[k]->cp.size() <= g || slot.parts[k]->cp[g] != whole.cp[g]) return false;
        return true;
    };
    while (shared < whole.cp.size() && !has_factor_items(whole.cp[shared]) && everywhere(shared))
        ++shared;
    for (std::size_t k = 1; k < slot.parts.size(); ++k) {
        auto& groups = slot.parts[k]->cp;
        std::size_t skip = 0;
        while (skip < groups.size() && skip < shared && groups[skip] == whole.cp[skip])
            ++skip;
        for (std::size_t g = skip; g < groups.size(); ++g)
            whole.cp.push_back(std::move(groups[g]));
    }
    return whole;
}

std::size_t Reassembler::expire(Clock now) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < slots_.size();) {
        if (now - slots_[i].started >= limits_.timeout) {
            drop(i);
            ++n;
        } else {
            ++i;
        }
    }
    stats_.expired += n;
    return n;
}

} // namespace hj212
