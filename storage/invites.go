package storage

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// inviteCodeBytes is the randomness of an invite code: 128 bits, so codes
// cannot be guessed. In base64url without padding that is 22 characters, and
// "inv_" plus the code fits Telegram's 64-character deep-link payload.
const inviteCodeBytes = 16

// CreateInvite makes a one-time invite granting role, valid for ttl, and
// returns its code for the deep link /start inv_<code>. Inviting to
// RoleOwner, an unknown role or a ttl that is not positive is an
// *ikmbot.Error with code ikmbot.EInvalid.
func (s *Store) CreateInvite(ctx context.Context, role ikmbot.Role, createdBy int64, ttl time.Duration) (code string, err error) {
	if !role.Valid() || role == ikmbot.RoleOwner {
		return "", ikmbot.Errorf(ikmbot.EInvalid, "create invite by user %d: cannot invite to role %q", createdBy, string(role))
	}
	if ttl <= 0 {
		return "", ikmbot.Errorf(ikmbot.EInvalid, "create invite by user %d: lifetime %v", createdBy, ttl)
	}
	b := make([]byte, inviteCodeBytes)
	rand.Read(b) // never fails; see crypto/rand
	code = base64.RawURLEncoding.EncodeToString(b)
	// 128 random bits do not collide, so the code is not checked for use.
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, inviteKey(code),
			fieldInviteRole, string(role),
			fieldInviteCreatedBy, strconv.FormatInt(createdBy, 10),
			fieldInviteCreatedAt, s.now().UTC().Format(time.RFC3339))
		p.PExpire(ctx, inviteKey(code), ttl)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("create invite by user %d: %w", createdBy, err)
	}
	return code, nil
}

// RedeemInvite uses the invite with this code for the user: the invite is
// gone afterwards and the user holds its role, which is returned. Only the
// first of any number of concurrent redeemers wins. An unknown, expired or
// already used code is an *ikmbot.Error with code ikmbot.ENotFound (Redis
// cannot tell them apart: expired invites are gone). Whether a user should
// redeem an invite (an admin taking a mentor invite would lose admin) is the
// caller's decision.
//
// The invite, the user and the roles index are in different Cluster slots,
// so no single script or MULTI may touch them all. The one-time claim is
// what must be atomic, and it touches the invite alone: HGET and DEL in one
// MULTI, which Redis runs without interleaving, so exactly one claimant reads
// the role. The role is then set with SetRole. Should that fail (Redis gone
// between the two), the invite is spent and the error says so: the admin
// makes a new one.
func (s *Store) RedeemInvite(ctx context.Context, code string, userID int64) (ikmbot.Role, error) {
	if !validInviteCode(code) {
		return "", ikmbot.Errorf(ikmbot.ENotFound, "redeem invite for user %d", userID)
	}
	var role *redis.StringCmd
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		role = p.HGet(ctx, inviteKey(code), fieldInviteRole)
		p.Del(ctx, inviteKey(code))
		return nil
	})
	if notFound(err) {
		return "", ikmbot.Errorf(ikmbot.ENotFound, "redeem invite for user %d", userID)
	}
	if err != nil {
		return "", fmt.Errorf("redeem invite for user %d: %w", userID, err)
	}
	r := ikmbot.Role(role.Val())
	if !r.Valid() || r == ikmbot.RoleOwner {
		return "", fmt.Errorf("redeem invite for user %d: invite holds role %q", userID, role.Val())
	}
	if err := s.SetRole(ctx, userID, r); err != nil {
		return "", fmt.Errorf("redeem invite for user %d: invite spent: %w", userID, err)
	}
	return r, nil
}

// validInviteCode reports whether code could be one CreateInvite made, so
// that anything typed after /start inv_ never reaches Redis as a key.
func validInviteCode(code string) bool {
	if len(code) == 0 || len(code) > 60 {
		return false
	}
	for _, c := range code {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_':
		default:
			return false
		}
	}
	return true
}
