from community.factories import PostFactory, TopicFactory
from community.models import Post


def test_factories(forum, member, new_member, moderator):
    topic = TopicFactory(forum=forum, author=member, opening__body="Hallo **allemaal**")
    PostFactory(thread=topic, author=new_member)
    assert Post.objects.filter(thread=topic).count() == 2
    assert topic.category.slug == "algemeen"
    assert member.has_perm("community.post_without_approval")
    assert not new_member.has_perm("community.post_without_approval")
    assert member.emailaddress_set.get().verified
    assert member.profile.display_name == "Anna anna"
    assert "<strong>allemaal</strong>" in Post.objects.get(thread=topic, is_opening=True).body_html
