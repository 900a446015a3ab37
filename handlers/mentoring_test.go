package handlers

import (
	"context"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/flows"
	"ikmbot/storage"
)

// The store cmd wires is the one the handlers need.
var _ Store = (*storage.Store)(nil)

// mentor makes a person with the mentor role and a Telegram name, who has
// written to the bot (so the bot may write to them, and their name is kept).
func (e *env) mentor(name string) *person {
	e.t.Helper()
	p := e.person()
	p.name = name
	if err := e.store.SetRole(context.Background(), p.id, ikmbot.RoleMentor); err != nil {
		e.t.Fatal(err)
	}
	p.command("bantuan", "")
	return p
}

// assign makes m the mentor of owners directly in storage, with the first
// prompts one cadence from now, as staff's assignment does.
func (e *env) assign(m *person, owners ...*person) {
	e.t.Helper()
	ctx := context.Background()
	cadence, err := e.store.Cadence(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	var ids []int64
	var prompts []ikmbot.Due
	for _, o := range owners {
		ids = append(ids, o.id)
		prompts = append(prompts, mentorPromptDue(o.id, m.id, e.now.Add(cadence)))
	}
	if _, err := e.store.AssignMentor(ctx, ids, m.id, e.now, prompts); err != nil {
		e.t.Fatal(err)
	}
}

// Only mentors, staff and admins may open /binaan.
func TestMentoringCommandRoles(t *testing.T) {
	e := newEnv(t)
	owner := e.person()
	owner.signUp()
	owner.command("binaan", "")
	owner.mustSee(flows.T("id", flows.MsgNotAllowed))
	for _, m := range Menu(ikmbot.RoleOwner, "id") {
		if m.Command == "binaan" {
			t.Error("/binaan is in the owners' menu")
		}
	}
	for _, role := range []ikmbot.Role{ikmbot.RoleMentor, ikmbot.RoleStaff, ikmbot.RoleAdmin} {
		found := false
		for _, m := range Menu(role, "id") {
			found = found || m.Command == "binaan"
		}
		if !found {
			t.Errorf("/binaan is not in the %s menu", role)
		}
	}
}

// /hapusdata takes the owner's prompt timer with the assignment: nothing
// naming them waits in the reminder engine.
func TestDeleteDataUnschedulesMentorTimer(t *testing.T) {
	e := newEnv(t)
	m := e.mentor("Rina")
	owner := e.person()
	owner.signUp()
	e.assign(m, owner)
	far := e.now.Add(365 * 24 * time.Hour)
	if len(e.dues(DueMentorFollowUp, m.id, far)) != 1 {
		t.Fatal("no prompt timer after the assignment")
	}
	owner.command("hapusdata", "")
	owner.pressLabel(flows.T("id", flows.DelYes))
	owner.mustSee(flows.T("id", flows.DelDone))
	if left := e.dues(DueMentorFollowUp, m.id, far); len(left) != 0 {
		t.Errorf("after /hapusdata the timer is left: %+v", left)
	}
}
