# ruff: noqa: E501  (one readable line per rule: the patterns are long)
"""The rules behind the situation reader: which situations a message states in so many words.

``coach.nlp.situations`` (the reader the coach uses) puts a learnt model over these rules.

Precision first: a situation is read only from wording that states it ("he started a new
job", "we both work from home"), never from a single loose word ("work", "kids"). A
situation named to rule it out ("no money problems", "he's not on his phone", "we did long
distance for years and were fine") is dropped. Phrases that belong to another situation are
read first and taken out of the text ("lost our baby" is grief, not a new baby; "the kids
moved out" is an empty nest, not a move).

``rule_reading(text)`` returns the :class:`Found` spans and what was ruled out and why;
``read_rules(text)`` the spans; ``rule_situations(text)`` the slugs in the order they first
appear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SITUATIONS = (
    "new_baby",
    "new_job",
    "long_hours",
    "screens",
    "infidelity",
    "grief",
    "illness",
    "long_distance",
    "empty_nest",
    "addiction",
    "money",
    "in_laws",
    "retirement",
    "work_from_home",
    "moving",
    "arguing",
    "no_affection",
    "mismatched_needs",
)

# The older, coarser causes the guidance store tags tips with (plan ranking reads them).
CAUSE_FOR = {
    "new_baby": "new_baby",
    "new_job": "new_job",
    "long_hours": "new_job",
    "screens": "screens",
    "illness": "health",
    "long_distance": "distance",
    "money": "stress",
    "moving": "stress",
    "arguing": "conflict",
    "work_from_home": "routine",
    "retirement": "routine",
    "empty_nest": "routine",
    # named in a first message, these answer "did anything change?" as well
    "grief": "health",
    "infidelity": "conflict",
    "in_laws": "stress",
    "addiction": "health",
}

_FAMILY = (
    r"(?:mum|mom|mother|dad|father|parents?|brother|sister|son|daughter|grandma|grandad|"
    r"grandfather|grandmother|nan|gran|best friend|friend|uncle|aunt|auntie|cousin|nephew|niece)"
)
_WHOSE = r"(?:my|his|her|their|our|partner'?s|husband'?s|wife'?s|bf'?s|gf'?s)"
_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_HE = r"(?:he|she|they|my (?:partner|husband|wife|boyfriend|girlfriend|bf|gf))"
# A place written in lower case ("she's in toronto i'm in leeds"): one word that is not a
# field of work, a state of mind or a room.
_PLACE = (
    r"(?!(?:a|an|the|my|his|her|our|retail|hospitality|sales|marketing|finance|tech|it|law|"
    r"nursing|teaching|education|healthcare|construction|bed|charge|love|pain|denial|therapy|"
    r"work|school|uni|college|hospital|trouble|debt|shock|recovery|bits|pieces|tears|limbo|"
    r"control|touch|contact|care|rehab|prison|jail|office|town|bits|agony|shock|private|public)\b)"
    r"[a-z]+\b"
)

# (situation, pattern, can be denied). Order matters only through CLAIMS below.
# fmt: off
_RULES: list[tuple[str, str, bool | str]] = [
    # -- grief (before new_baby: "lost our baby" is a loss)
    ("grief", r"\bmiscarr(?:iage|ied|iages)\b|\bstill ?birth\b|\bstill ?born\b", False),
    ("grief", r"\b(?:pregnancy|baby) loss\b|\blos(?:t|ing|e) (?:a|the|our|my|her) (?:pregnancy|baby|babies|twins?)\b", False),
    ("grief", rf"\b{_WHOSE} {_FAMILY} (?:has |had )?(?:died|passed(?: away)?|was killed|took (?:his|her) (?:own )?life)\b", False),
    ("grief", rf"\b(?:died|passed away|death of|loss of|lost|losing) {_WHOSE} {_FAMILY}s?\b", False),
    ("grief", r"\b(?:griev(?:e|es|ed|ing)|grief|bereave(?:d|ment)|funeral)\b(?! (?:the|for the|over the) (?:relationship|marriage|person|old|life|way|us|loss of (?:us|the relationship)))(?! (?:her|his|the|our|my) (?:dog|cat|pet|horse))", False),
    ("grief", r"\b(?:since|after) (?:the|his|her|my) (?:death|loss)\b|\b(?:he|she) died\b|\bpassed away\b", False),
        ("grief", rf"\b{_FAMILY}'?s (?:death|passing|funeral)\b", False),
    ("grief", r"\b(?:his|her|my|our) (?:ex-?wife|ex-?husband|first wife|first husband|late wife|late husband|wife|husband|partner|grandma|grandad|grandpa|granny|nan|gran|baby|son|daughter|best friend)(?: has| had)? (?:died|passed)\b|\b(?:grandma|grandad|grandpa|granny|nan|gran|mum|mom|dad) (?:died|passed away)\b", False),
    ("grief", r"\b(?:had|suffered|after) (?:a|another|our|the) (?:loss|pregnancy loss)\b|\b(?:lost|losing) (?:the|our|a) (?:baby|pregnancy) at\b|\bwas stillborn\b|\b(?:lost|losing) (?:my|his|her|our) (?:father|mother|father-in-law|mother-in-law|grandad|grandma|brother|sister|son|daughter|wife|husband)(?:-in-law)?\b", False),
# -- empty nest (before moving: "the kids moved out")
    ("empty_nest", r"\bempty[- ]?nest(?:ers?)?\b", False),
    ("empty_nest", r"\b(?:kids|children|boys|girls|daughters|sons)(?: have| had|'ve)? (?:all |both |finally )?(?:moved out|left home|left|flown the nest|gone)\b", False),
    ("empty_nest", r"\b(?:last|youngest|eldest|last one|youngest one)(?: one| child| kid| son| daughter)? (?:went|has gone|has left|left|moved) (?:off )?(?:to|for|out|home)\b", False),
    ("empty_nest", r"\b(?:our|my) (?:son|daughter|eldest|youngest|kid|child|boy|girl)(?: has| had|'s)? (?:finally |just |now )?(?:moved out|left home|left for (?:uni|university|college)|(?:gone|went) (?:off )?to (?:uni|university|college))\b", False),
    ("empty_nest", r"\b(?:kids|children) (?:are|have) (?:all |both )?(?:grown up|grown|gone|off at (?:uni|university|college)|away at (?:uni|university|college))\b|\bflew the nest\b", False),
    ("empty_nest", r"\b(?:kids|children|twins|boys|girls) (?:both |all )?(?:went|have gone|gone|left) (?:off )?(?:to|for) (?:uni|university|college)\b|\bemptied the nest\b|\b(?:the )?(?:house|place|home) to ourselves\b|\b(?:last|youngest) (?:child|kid|one) (?:left|moved out|has left|flew)\b", False),
    ("empty_nest", r"\b(?:our|my) (?:son|daughter|kids|children|eldest|youngest)(?: is| are|'s|'re) (?:all )?(?:at|off at|away at) (?:uni|university|college)\b|\b(?:kids|children|they)(?:'ve| have) (?:all )?(?:left|moved out|flown)(?: home)? now\b|\b(?:kids|children) are all (?:at (?:uni|university|college)|working|grown)\b", False),
    # a child moved somewhere far (word classes of 2026-12-07; before moving, which it claims)
    ("empty_nest", r"\b(?:our|my) (?:son|daughter|eldest|youngest|kids|children|boy|girl|twins)(?: has| have|'s|'ve)? (?:just |finally |now )?(?:moved|gone|went|left) (?:away |out )?(?:to|for) (?!(?:a |the |his |her |their )?(?:new )?(?:school|nursery|class|year|room|bed|cot)\b)", False),
    # -- new baby / young children
    ("new_baby", r"\bnew ?borns?\b|\bnew baby\b|\b(?:a|our|the|my|her|his) bab(?:y|ies)\b(?! of (?:the |our |my |his |her )?(?:family|house|group|team|office|two|three|four|five|six|seven|eight|\d))|\bbaby (?:number|no\.?) ?\w+\b|\bthe baby\b(?! of (?:the |our |my |his |her )?(?:family|house|group|team|office|two|three|four|five|six|seven|eight|\d))", False),
    ("new_baby", r"\b(?:the |our |my )?baby(?: is|'s| was) (?:only |just |nearly |almost )?\d+ (?:weeks?|months?)\b|\bsince (?:he|she|they) (?:was|were) born\b", False),
    ("new_baby", r"\btoddlers?\b|\blittle ones?\b|\b(?:twins|infant)\b", False),
    ("new_baby", rf"\b{_NUM}[- ](?:week|month)s?[- ]olds?\b|\b(?:[1-5]|one|two|three|four|five)[- ]years?[- ]olds?\b", False),
    ("new_baby", rf"\b{_NUM} under {_NUM}\b|\b(?:kids|children) under {_NUM}\b|\b(?:young|small|little) (?:kids|children|family)\b", False),
    ("new_baby", r"\b(?:since|after|before) (?:our|the|my|her) (?:daughter|son|baby|twins|little one|first|second|third|youngest)(?: was| were)? born\b", False),
    ("new_baby", r"\b(?:had|have just had|just had|having) (?:a|our (?:first|second|third)) (?:baby|child|kid)\b|\b(?:i'?m|she'?s|we'?re) (?:pregnant|expecting)\b|\bmaternity leave\b|\bpaternity leave\b|\bsleepless nights\b", False),
    ("new_baby", r"\b(?:since|after) (?:we )?(?:became|becoming) parents\b|\b(?:new|first[- ]time) parents\b|\bpost[- ]?(?:natal|partum)\b|\bnight feeds\b|\bnappies\b|\bdiapers\b|\bbreast ?feeding\b", False),
    # -- new job
    ("new_job", r"\bnew (?:job|role|position|career|post|company)\b|\bpromot(?:ion|ed)\b", False),
    ("new_job", r"\bstart(?:ed|ing|s)? (?:a |his |her |my |the |their )?(?:new )?(?:job|role|career|business|work at|working at|working for)\b|\b(?:just )?started as (?:a|an)\b", False),
    ("new_job", r"\b(?:moved|moving|relocated|relocating|emigrated) (?:\w+ ){0,3}for (?:his|her|my|a|the) (?:new )?job\b", False),
    ("new_job", r"\bchang(?:ed|ing) (?:jobs|careers|career)\b|\bcareer change\b|\b(?:went|going|gone) back to work\b(?! (?:\w+ )?(?:days?|weeks?) (?:later|after)| after (?:a|one|two|three|a few|\d+) (?:days?|weeks?)\b)|\bback at work after\b|\breturn(?:ed|ing)? to work\b", False),
    ("new_job", r"\b(?:got|has|have|started) (?:a )?new (?:job|role|position)\b|\bsince (?:his|her|my) job change\b|\bfirst job\b", False),
    # -- long hours / shift work
    ("long_hours", r"\blong (?:hours|days|shifts)\b|\bshift ?work\b|\b(?:night|day|late|early|double|split|rotating) shifts?\b|\bon shifts?\b|\bworks? shifts?\b|\bshifts? (?:at|on)\b|\brotas?\b|\brosters?\b", True),
    ("long_hours", r"\b\d{2}\+? ?(?:hours?|hrs?)(?: a| per)? (?:week|wk)\b|\b\d{2} ?(?:hour|hr) (?:days|shifts|weeks)\b|\bovertime\b|\bworkaholic\b|\bon call\b", False),
    ("long_hours", r"\b(?:does|do|doing|works?|working|on) nights\b|\bthe hours are\b(?! (?:normal|fine|ok|okay|manageable|reasonable|good|not))|\bhours are (?:brutal|crazy|insane|long|awful|killing)\b|\bjunior doctor\b", False),
    ("long_hours", r"\bnever home\b|\balways at work\b|\b(?:works|working) (?:so much|too much|a lot|crazy hours|every hour)\b|\b(?:works?|working) (?:late|all the time|every weekend|weekends|all hours|every hour)\b|\bgone (?:at|by|before) \d+ ?am\b|\bhome at \d+ ?pm\b|\bback at \d+ ?pm\b|\b(?:leaves|leave) (?:at|before) \d+ ?am\b", True),
    ("long_hours", rf"\b{_NUM} (?:weeks?|days?) on,? (?:and )?{_NUM} (?:weeks?|days?)? ?off\b|\bfifo\b|\bfly[- ]in[- ]fly[- ]out\b|\b(?:works?|working|worked) (?:till|until|past) (?:[89]|1[0-2]|midnight)\b", True),
    ("long_hours", r"\b(?:comes?|gets?|got|came) home (?:so |really |very )?late\b|\bdoesn'?t get (?:home|back|in) (?:until|till|before)\b", True),
    # -- screens
    ("screens", r"\b(?:his|her|their|partner'?s) (?:phones?|mobile|ipad|tablet|laptop|xbox|playstation|ps5|console)\b(?! calls?)|\b(?:the|our) (?:xbox|playstation|ps5|console)\b", True),
    ("screens", r"\b(?:on|glued to|scrolling|scrolls) (?:his|her|my|their|our) phones?\b|\bphones?\b(?! calls?)(?= (?:all|every|at|in|during|through))", True),
    ("screens", r"\bon the (?:ipad|tablet|laptop|computer|xbox|playstation|ps5|switch)\b|\bxbox\b|\bplaystation\b|\bps5\b|\bplay(?:s|ing|ed)? (?:on )?(?:the |his |her )?(?:switch|fortnite|fifa|call of duty)\b", True),
    ("screens", r"\b(?:doom)?scroll(?:s|ing|ed)?\b|\btiktok\b|\binstagram\b|\breddit\b|\byoutube\b|\bnetflix\b|\bsocial media\b|(?<!smoke )\bscreens?(?: time)?\b(?! ?doors?\b| protectors?\b| tests?\b| printing\b)|\btelly\b|\btv\b|\bvideo ?games?\b|(?<!mind )(?<!board )(?<!card )\bgam(?:es|ing)\b(?! night| together)|\bgames? (?:till|until|all)\b", True),
    # -- infidelity
    ("infidelity", r"\baffairs?\b|\bcheat(?:ed|ing|s|er)?\b|\bunfaithful\b|\binfidelity\b|\bbetray(?:ed|al|s)?\b|\bbehind my back\b|\bdating (?:apps?|sites?)\b|\btinder\b|\bother (?:woman|man)\b|\bsext(?:ing|ed)?\b", True),
    ("infidelity", r"\b(?:slept|sleeping|hooked up) with (?:someone|his|her|a|an|another|some)\b|\bseeing (?:someone else|another|his ex|her ex)\b|\bfound (?:messages|texts|photos|pictures)\b|\bkissed (?:someone|another|a)\b", False),
    ("infidelity", r"\b(?:talking|texting|messaging|chatting|flirting|sleeping) (?:to|with) (?:someone else|somebody else|another (?:woman|man|girl|guy|person)|other (?:women|men|girls|guys))\b|\b(?:texting|messaging|seeing|meeting up with|talking to|sleeping with) (?:his|her) ex\b", False),
    ("infidelity", r"\bsecret (?:texts|messages|phone|account|profile|chats?)\b|\bflirting with\b", False),
    # -- illness / caring
    ("illness", r"\bcancer\b|\bchemo(?:therapy)?\b|\bradiotherapy\b|\bstroke\b|\bdiagnos(?:ed|is)\b|\bchronic (?:fatigue|pain|illness|condition)\b|\blong covid\b|\bms\b|\bmultiple sclerosis\b|\bantidepressants?\b|\bparkinson'?s\b|\bdementia\b|\balzheimer'?s\b|\bfibromyalgia\b|\bheart attack\b", False),
    ("illness", r"\b(?:his|her|my partner'?s|partners|partner'?s|husband'?s|wife'?s) (?:depression|anxiety|illness|condition|health|surgery|operation|injury|accident|disability|mental health|treatment|recovery from)\b|\bdepression\b|\b(?:he'?s|she'?s|he is|she is|i'?m|i am|i'?ve been|has been|is|was) (?:been )?(?:really |so |very |quite )?(?:clinically )?depressed\b|\bbipolar\b|\bptsd\b", True),
    ("illness", r"\b(?:i'?m|i am|became|become) (?:his|her|their) (?:full[- ]time )?carer\b|\bcar(?:ing|er) for (?:my|him|her)\b|\b(?:is|was|been|got) (?:seriously |really )?(?:ill|unwell)\b|\bin hospital\b|\bdisabled\b|\b(?:had|having|has|after|since|needs?|recovering from|major|his|her) (?:an? )?(?:surgery|operation)\b", False),
    ("illness", r"\b(?:my|his|her) (?:illness|diagnosis|health (?:problems|issues|condition))\b|\b(?:been|is|was|got) (?:really |very |so |quite )?sick\b(?! of| and tired)", False),
    # -- long distance
    ("long_distance", r"\blong[- ]?distance\b|\bldr\b|\btime ?zones?\b|\bdifferent (?:countries|cities|states|continents|time zones)\b|\bweekend relationship\b|\bdeploy(?:ed|ment)\b|\bfifo\b", True),
    ("long_distance", r"\b(?:working|works|work) away\b|\b(?:live|living|lives) (?:apart|in different)\b(?! (?:worlds|universes|bubbles|planets|rooms|headspaces|headspace|realities))|\bonly see each other\b|\b(?:he'?s|she'?s|he is|she is) (?:away|abroad|overseas)\b|\b(?:his|her) job'?s in\b", True),
    ("long_distance", r"\boffshore\b|\bon the rigs\b|\bfly[- ]in[- ]fly[- ]out\b|\bwaiting (?:for|on) (?:a|the|his|her|my|our) visa\b", True),
    # -- addiction
    ("addiction", r"\b(?:his|her|their|my partner'?s|partner'?s) (?:drinking|gambling|drug use|using)\b|\bdrinks? (?:every|a lot|too much|heavily|all)\b|\b(?:drinking|drinks) (?:a lot|too much|heavily|every|more|again)\b|\b(?:been|started|starts|keeps) drinking\b", True),
    ("addiction", r"\balcohol(?:ic|ism)?\b|(?<!phone )(?<!screen )(?<!gaming )(?<!internet )(?<!social media )\baddict(?:ion|ed|s)?\b(?! to (?:his |her |their |my |the |our )?(?:phones?|screens?|games?|gaming|xbox|playstation|console|tiktok|instagram|social media|work|netflix|the internet|youtube|scrolling))|\bin recovery\b|\brehab\b|\bsober\b|\bsobriety\b|\brelaps(?:e|ed|ing)\b|\bgambl(?:e|es|ing|er)\b|\bcoke\b|\bcocaine\b|\b(?:drink|drinking|drug|gambling|coke|cocaine|pill|weed|alcohol) problem\b|\baa meetings?\b|\bhungover\b", True),
    ("addiction", r"\b(?:down|at|in) the pub (?:every|all|most|again|till|until)\b|\bsmell(?:s|ing)? of (?:beer|booze|alcohol|drink|wine|whisky|vodka)\b", False),
    ("addiction", r"\b(?:gets?|got|getting|is|was) drunk\b|\bbetting\b|\bweed\b|\bbinge drink\w*", False),
    # -- money
    ("money", r"\bmoney\b|\bcan'?t afford\b(?! to (?:lose|quit|leave|take|stop|give up|let|go part))|\bcost of living\b|(?<!paying the )(?<!pays the )(?<!pay the )\bbills\b|\bdebts?\b|\bfinanc(?:es|ial|ially)\b|\bmortgage\b|\bskint\b|\bwe'?re broke\b|\bsavings\b|\b(?:lost|losing) (?:his|her|my|their) jobs?\b|\bredundan(?:t|cy)\b|\bunemployed\b|\bout of work\b|\bpay ?check to pay ?check\b", True),
    ("money", r"\b(?:he|she|i) earns? (?:way |much |a lot |so much |far )?(?:more|less) than (?:me|him|her|i do|he does|she does)\b", True),
    ("money", r"\b(?:pay|paying|afford|afford the) (?:the |our )?rent\b|\boverdraft\b|\bloans?\b|\bcan'?t pay\b|\b(?:one|single) income\b|\buniversal credit\b", True),
    # -- in-laws and family
    ("in_laws", r"\bin[- ]?laws?\b|\b(?:mother|father|sister|brother)[- ]in[- ]law\b", True),
    ("in_laws", rf"\b{_WHOSE} (?:mum|mom|mother|dad|father|parents|family|sister|brother)(?: is| are|'s|'re)? (?:always |constantly )?(?:round|over|here|staying|interfer\w*|critic\w*|lives? with us|living with us|moved in)\b", True),
    ("in_laws", r"\b(?:moved in with|living with|live with|staying with) (?:his|her|my|our|their|my (?:husband|wife|partner|boyfriend|girlfriend)'?s) (?:parents|mum|mom|dad|mother|father|family)\b|\b(?:mum|mom|dad|mother|father) (?:lives|is living|moved in) with us\b", False),
    ("in_laws", rf"\b(?:drama|fall(?:ing)?[- ]out|trouble|problems?|issues?|tension|row(?:s|ing)?) with {_WHOSE} (?:family|parents|mum|mom|dad|mother|father|sister|brother|relatives)\b|\b(?:takes|taking|took) (?:his|her) (?:mum'?s|mom'?s|mother'?s|family'?s|parents'?) side\b", True),
    ("in_laws", r"\b(?:his|her|partner'?s|husband'?s|wife'?s|boyfriend'?s|girlfriend'?s) (?:mum|mom|mother|dad|father|parents|family|sister|brother|relatives)(?: (?:is|are|has|have|just))? (?:always |constantly |still |also )?(?:keeps?|kept|pressur\w*|stir\w*|(?:rings?|calls?|texts?|visits?|comes? round) (?:us |me |him |her )?(?:every|all the time|constantly|non-?stop|daily|several times)|comments?|judg\w*|never (?:accepted|liked|approved of|wanted)|won'?t accept|doesn'?t accept|don'?t accept|expects?|expected|demands?|turns? up|drops? in)\b", True),
    ("in_laws", r"\b(?:arguing|argue|argued|argument|arguments|fight|fighting|fights|rows?|rowing|bicker\w*)\b[^.;!?]{0,40}\b(?:about|over|because of) (?:his|her|their) (?:mum|mom|mother|dad|father|parents|family|sister|brother)\b", True),
    ("in_laws", r"\bmil\b|\b(?:his|her) (?:mum|mom|mother|dad|father|parents|family|sister|brother)(?: is| are|'s|'re)? (?:so |very |always |really )?(?:controlling|meddl\w*|hates me|doesn'?t like me|never liked me|sides? with)\b", True),
    # -- retirement
    ("retirement", r"\bretir(?:ed|ement|ing|e)\b", True),
    # -- working from home together
    ("work_from_home", r"\bwfh\b|\bwork(?:s|ing)? (?:from|at) home\b|\bwork(?:s|ing)? remote(?:ly)?\b|\bremote work(?:ing)?\b|\bhome ?office\b", True),
    ("work_from_home", r"\bhome[- ]?working\b|\b(?:went|gone|going|go) (?:fully |completely |all )?remote\b", True),
    ("work_from_home", r"\b(?:both|we'?re|we are) (?:\w+ )?(?:at|stuck at) home (?:together )?all day\b|\b(?:at|stuck at) home together all day\b", True),
    # -- moving house
    ("moving", r"\bmov(?:ed|ing) (?:house|home|in together|abroad|overseas|countries|cities|across|away|back(?! in with)|to(?! tears)|here|over|in with(?! (?:us|me|my|his|her|our|their) )|interstate)\b|(?<!first )\bthe move\b|\brelocat(?:e|ed|ing|ion)\b|\bemigrat(?:e|ed|ing)\b|\bnew (?:city|town|country|house|home|place|area|flat)\b", True),
    ("moving", r"\bbought (?:a|our|the|my) (?:first |new )?(?:house|home|flat|place)\b|\bmov(?:ed|ing) out (?:to|of) the\b", True),
    ("moving", r"\bimmigrat(?:e|ed|ing)\b", True),
    # -- constant arguing
    ("arguing", r"\b(?:argu(?:e|es|ed|ing|ment|ments)|(?<!in a )row(?:s|ing)?|bicker(?:ing|s)?|fights?|fighting|fought|squabbl\w*)\b(?! for\b)(?! (?:cancer|it|the illness)\b)", True),
    ("arguing", r"\bat each other'?s throats\b|\b(?:shout|yell|scream|snap|snipe|snip)(?:s|ping|ing)? at each other\b|\bsnip(?:e|es|ing) at\b|\bconstant (?:conflict|tension)\b", True),
    ("arguing", r"\b(?:shouting|screaming) match(?:es)?\b|\bdisagree(?:ments?)? (?:about|over|on) everything\b|\bconstant disagreements?\b", True),
    # -- lost physical affection (stated as an absence, so never "denied")
    ("no_affection", r"\bsexless\b|\bdead bedroom\b|\bno (?:sex|intimacy|physical \w+)\b|\b(?:haven'?t|hasn'?t|not|never|stopped) (?:had |having )?(?:sex|been intimate|made love|making love)\b", False),
    ("no_affection", r"\bsex life\b|(?<!higher )(?<!lower )(?<!bigger )(?<!stronger )(?<!different )\blibido\b|(?<!higher )(?<!lower )(?<!bigger )(?<!stronger )(?<!different )\bsex ?drive\b(?! than)|\bphysical (?:intimacy|affection|touch|contact|closeness|anything|side)\b|\b(?:lost|lack of|missing|miss) (?:the |our |any |all )?(?:intimacy|sex)\b|\b(?:rarely|hardly ever|hardly|barely|never|less|no more) (?:have )?sex\b", "after"),
    ("no_affection", r"\b(?:doesn'?t|don'?t|dont|doesnt|never|won'?t|stopped|no longer|hasn'?t|haven'?t|not even a) (?:\w+ )?(?:hug|hugs|hugged|hugging|kiss|kisses|kissed|kissing|touch|touches|touching|cuddle|cuddles|cuddled|cuddling|touched|hold hands|holding hands|being affectionate|slept together|sleep together)\b", False),
    ("no_affection", r"\bno (?:touch|touching|hugs|kisses|cuddles|affection|physical)\b|\b(?:not|stopped being|isn'?t|aren'?t) (?:very )?affectionate\b|\b(?:flinch|flinches|pulls away) when i\b|\bno more (?:touch|affection|cuddles|hugs|sex)\b", False),
    ("no_affection", r"\bmiss(?:ing)? (?:being )?(?:touched|held|hugged|kissed|cuddled)\b|\bmiss(?:ing)? (?:the |our |any )?(?:cuddles|hugs|kisses|touch)\b", False),
    ("no_affection", r"\b(?:not|no longer|never) (?:been )?intimate\b|\b(?:doesn'?t|won'?t) (?:want to be|let me) (?:touch\w*|kiss\w*|hug\w*)\b", False),
    # -- mismatched needs
    ("mismatched_needs", r"\b(?:i|he|she|we) (?:wants?|want) (?:kids|children|a baby|another baby)\b[^.?!]{0,30}\b(?:doesn'?t|don'?t|does not|do not|isn'?t sure|not sure)\b|\b(?:he|she|i) needs? (?:a lot |much |so much |far |way )?more (?:\w+ )?than (?:he|she|i|him|her|me|my (?:wife|husband|partner|boyfriend|girlfriend))\b", False),
    ("mismatched_needs", r"\blove languages? (?:are|is) (?:\w+ )?different\b|\b(?:he|she|i) shows? (?:it|love|affection|(?:that )?(?:he|she|i) cares?) (?:by|through|differently|in (?:a )?different)\b|\bdifferent (?:attitudes|views|ideas|approaches) (?:to|on|about|towards|of)\b", False),
    ("mismatched_needs", r"\b(?:he|she|i) wants? (?:way |much |a lot |so much |far )?more (?:sex|affection|attention|time|space|intimacy|contact|touch) than (?:me|i do|him|her|he does|she does)\b|\bi want (?:sex|affection|attention|intimacy|touch) more than (?:he|she) does\b", False),
    ("mismatched_needs", r"\bwant(?:s)? (?:completely |totally |very |such )?different things\b|\bdifferent (?:needs|expectations|love languages|libidos|priorities)\b|\bintrovert\b|\bextrovert\b|\bmismatch(?:ed)?\b|\b(?:not|never) on the same page\b", False),
    ("mismatched_needs", rf"\bi (?:need|want) more \w+(?: \w+)? (?:and|but) {_HE} (?:thinks|says|doesn'?t|does not|wants)\b|\b(?:he|she) (?:needs|wants) .{{0,50}}(?:and|but|while) i (?:need|want|just want|prefer)\b|\bi (?:need|want) .{{0,50}}(?:and|but|while|,) (?:he|she) (?:needs|wants|prefers|thinks)\b|\b(?:he|she) wants? [^.;!?]{{0,50}}\b(?:and|but) i'?m not (?:ready|sure)\b", False),
    # -- wording families added 2026-12-06 (second round): everyday ways of saying each
    ("new_baby", r"\b(?:just )?had our (?:first|second|third|fourth|1st|2nd|3rd)\b|\bbaby (?:#|no\.? ?)\d\b|\b(?:the |our |a )?(?:baby|little one|twins|daughter|son) (?:arrived|came along|came)\b|\bsince the birth\b|\bteething\b|\badopted (?:our|a) (?:son|daughter|baby|child|little)\b|\b(?:still|so) tiny\b", False),
    ("new_baby", r"\b(?:a|our|my|his|her) (?:[1-5]|one|two|three|four|five) ?(?:yo|y/o|yr old|yr-old|year old|year-old)s?\b|\b(?:a|our|my|his|her) (?:[1-9]|1[0-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) ?(?:mo|month|months|week|weeks)[- ]old\b", False),
    ("new_job", r"\bstart(?:ed|ing)? (?:her|his|my|a|the) (?:dream |first |new )?(?:job|post|role|placement|contract)\b|\btook (?:the|a|that) (?:new )?job\b|\bgot a (?:new )?job (?:in|at|with)\b|\b(?:made|been made|became|become|was made) (?:a )?(?:team lead|team leader|partner|manager|head of|director|supervisor|senior)\b", False),
    ("new_job", r"\bstart(?:ed|ing)? (?:at|with) (?:a|the) (?:\w+ )?(?:startup|start-up|firm|company|practice|agency|hospital|school)\b|\bstart(?:ed|ing)? (?:his|her|my|their) own (?:business|company|firm|restaurant|practice)\b|\b(?:his|her|my) new (?:restaurant|business|company|shop|practice|team|boss)\b|\bretrained as\b|\b(?:went|gone|going) back to (?:full[- ]time |part[- ]time )?(?:work|the office)\b", False),
    ("long_hours", r"\b(?:at work|works?|working|in the office) (?:til|till|until|to) (?:[89]|1[0-2])(?: ?pm)?\b|\bworking doubles\b|\b(?:extra|double|opposite|different|alternate|alternating|back[- ]to[- ]back) shifts\b|\bout all hours\b|\bevery hour (?:god sends|there is)\b|\bgone (?:from )?\d+ ?am (?:to|till|until) \d+ ?pm\b|\b(?:marks|works|working|emails) (?:till|until) midnight\b|\bweekends (?:are )?gone\b|\balways at the office\b|\b(?:his|her|my) hours (?:\w+ ){0,3}(?:went up|have gone up|doubled|got longer)\b", True),
    ("long_hours", r"\bcrazy hours\b|\bworking (?:all|long|silly|mad) hours\b|\b(?:12|24|48)[- ]hour shifts?\b|\b(?:goes|go|gone|leaves) (?:in )?(?:before|at) (?:[4-7]) ?(?:am)?\b(?:[^.;!?]{0,30}\b(?:back|home) (?:after|at) (?:[8-9]|1[0-2]))", True),
    ("screens", r"\bbinge[- ]?watch\w*|\binsta\b|\bwatch(?:es|ing)? (?:his|her|their) (?:shows|series|programmes|programs|stuff)\b|\b(?:earbuds|headphones|airpods) in\b[^.;!?]{0,60}\b(?:watch\w*|shows|series|youtube|videos)\b|\b(?:watch\w*|shows|series|videos)\b[^.;!?]{0,60}\b(?:earbuds|headphones|airpods) in\b|\b(?:play(?:s|ing)?|on) (?:\w+ ){0,2}(?:online )?games?\b(?! night| together)|\bsleep and game\b", True),
    ("infidelity", r"\b(?:texting|messaging|seeing|chatting to|chatting with|talking to|sleeping with|dating) (?:another|some other) (?:woman|man|girl|guy|person|bloke|lad|lass)\b|\b(?:sleeping|slept|hooking up|hooked up|involved) with (?:a |his |her )?(?:coworker|co-worker|colleague|workmate|friend of)\b|\bgrindr\b|\bhinge\b|\bbumble\b|\bsomeone else'?s (?:perfume|aftershave|lipstick)\b|\b(?:he'?s|she'?s|he has|she has|he had|she had) been seeing someone\b|\b(?:found out|know) about (?:her|him) and (?:that|this)\b|\bsecond phone\b", False),
    ("illness", r"\b(?:has|had|have|with|got) (?:\w+ )?(?:depression|anxiety|panic attacks|cancer|ms|diabetes|type 1|type 2|long covid)\b|\b(?:depressed|ill|unwell) since\b|\b(?:bad|severe|crippling|really bad) (?:anxiety|depression)\b|\bpanic attacks\b|\bmental health (?:has been|is|got|has got) (?:\w+ )?(?:bad|awful|terrible|worse)\b|\b(?:had|having|after|since) (?:\w+ )?(?:surgery|operation)\b|\bhysterectomy\b|\b(?:his|her|my) (?:dying|sick|ill) (?:mother|father|mum|mom|dad|parent)\b|\bcar(?:ing|er) for (?:his|her|their) (?:\w+ )?(?:mother|father|mum|mom|dad|parents?)\b|\bin pain (?:most|every|all)\b", False),
    ("long_distance", r"\btime difference\b|\b\d+ (?:hours?|hrs) (?:apart|ahead|behind)\b|\b(?:away|gone|at sea|deployed|offshore) (?:for )?(?:\d+|one|two|three|four|five|six|seven|eight|nine|several|a few) (?:weeks|months)(?: at a time)?\b|\b(?:weeks|months) at a time\b|\bat sea\b|\b(?:in the|merchant|royal|the) navy\b|\bposted (?:abroad|overseas|away)\b|\bon tour\b|\blong[- ]haul (?:trucker|driver|pilot)\b", True),
    ("long_distance", r"\b(?:live|living|lives) (?:in )?separate(?:ly| (?:flats|houses|homes|cities|countries|places))\b|\bcomes? (?:back |home )(?:on|at|for) (?:the )?(?:weekends?|fridays)\b|\bweekend (?:wife|husband|marriage|partner)\b|\btravel(?:s|ling|ing)? (?:\d+|two|three) weeks (?:a|every|out of every) month\b|\b(?:contract|job|posting|placement) (?:in|abroad|overseas)\b[^.;!?]{0,40}\b(?:out there|over there|i'?m (?:still )?here|i am (?:still )?here)\b", True),
    ("addiction", r"\b(?:husband'?s|wife'?s|boyfriend'?s|girlfriend'?s|bf'?s|gf'?s) (?:drinking|gambling|drug use)\b|\bdrinking (?:has |had )?(?:got|gotten|crept|getting|creeping|gone) (?:a lot |much |so much )?(?:worse|up|out of hand)\b|\bdrinks? (?:a bottle|most nights|every night|\w+ or \w+ beers)\b|\b(?:hides?|hid|hidden|hiding) (?:\w+ )?(?:bottles|cans|wine|beers?|vodka|booze)\b|\bempty (?:cans|bottles)\b|\b(?:always|every night|most nights) (?:at|down) the pub\b|\bhalf cut\b|\bthe grog\b|\bon the booze\b|\bboozing\b|\bbets? on\b", False),
    ("money", r"\blaid off\b|\bfurlough\w*|\barrears\b|\brepossess\w*|\bsaver\b[^.;!?]{0,40}\bspender\b|\bno spare (?:cash|money)\b|\b(?:have|had|with|got|and) no (?:money|cash)\b|\b(?:rent|bills|prices|mortgage) (?:went|has gone|have gone|keeps going|going|gone) up\b|\bcredit cards?\b|\bpaying for everything\b|\blost (?:about |around |nearly |almost )?[£$€]?\d+k\b|\bstruggling (?:financially|for money|to pay)\b", True),
    ("in_laws", r"\b(?:moved|moving) (?:back )?in with (?:his|her|my|our|their) (?:parents|mum|mom|dad|mother|father|family|in-laws|inlaws)\b|\b(?:my|his|her) in-?laws moved in\b|\b(?:his|her) (?:mam|ma|mum|mom|mother|family|parents|dad|father)(?: is| are)? (?:always )?(?:rings?|calls?|phones?|texts?) (?:him|her|us|me)? ?(?:every day|daily|\w+ times a day|all the time|constantly|non-?stop)\b|\b(?:my|his|her) (?:mum|mom|mother|dad|father|parents|family) (?:\w+ )?(?:takes?|taking|took) (?:his|her|their)? ?sides?\b", True),
    ("in_laws", r"\b(?:his|her) (?:family|parents|mum|mom|mother|dad|father)(?: is| are|'s|'re)? (?:so |very |really |far too |too )?(?:involved|traditional|overbearing|intrusive|in our business|pushy)\b|\b(?:his|her) (?:family|parents|mum|mom|mother|dad|father) (?:don'?t|doesn'?t|never|won'?t) approve\b|\b(?:his|her) (?:mum|mom|mother|dad|father)(?: basically)? lives with us\b|\b(?:they|his family|her family|his parents|her parents) keep asking when\b", True),
    ("retirement", r"\b(?:both )?finished work (?:this|last) year\b|\bsince i finished work\b|\bgot (?:my|his|her) pension\b|\bgave up the (?:shop|business|farm)\b", True),
    ("work_from_home", r"\bboth (?:fully )?remote\b|\bboth home[- ]based\b|\bboth (?:went|gone|going) hybrid\b|\b(?:work|working) from the same (?:\w+ )?(?:room|table|desk|house)\b|\b(?:both|we) set up at the kitchen table\b|\bwe(?:'re| are) both on (?:teams|zoom|calls)\b|\bstopped going into the office\b", True),
    ("moving", r"\b(?:moved|moving|migrated|relocated) (?:from \w+(?: \w+)? )?to (?:a |the )?(?:\w+ )?(?:town|village|city|country|area|island|coast|suburbs|countryside)\b|\bmoved from [a-z]+ to [a-z]+\b|\bmigrat(?:ed|e|ing)\b|\bmoved (?:up|down|out) (?:here|there|to)\b|\bdownsiz(?:ed|ing|e)\b|\b(?:i|we|he|she) came over from\b|\bwe moved in\b(?! with)|\b(?:since|after) we moved\b|\bfrom (?:\w+ ){0,2}to (?:a|the) cheaper\b", True),
    ("arguing", r"\bend(?:s|ed)? in a (?:row|fight|argument|shouting match)\b|\bevery (?:discussion|conversation|talk) (?:becomes|turns into|ends in) (?:a |an )?(?:battle|fight|row|argument)\b|\bsnap(?:s|ping)? (?:back|at (?:him|her|each other|me))\b|\bwe(?:'re| are) clashing\b|\bclash(?:ing)? (?:all the time|constantly|over everything)\b", True),
    ("no_affection", r"\b(?:doesn'?t|don'?t|never|no longer|stopped) (?:\w+ )?(?:hold(?:ing)? (?:my|his|her) hand|let me (?:hold|touch|hug|kiss))\b|\bintimacy (?:just)?[. ]*(?:stopped|died|disappeared|vanished|went)\b|\b(?:the )?sex (?:has |just )?(?:stopped|vanished|disappeared|died)\b|\bstopped sleeping in the same bed\b|\b(?:don'?t|doesn'?t) (?:even )?sleep in the same bed\b|\bbarely touch\b|\bscared of sex\b|\b(?:tenses|flinches|stiffens) up\b|\bcan'?t let (?:him|her) touch me\b|\bbe physical again\b|\bnot even a kiss\b|\b(?:haven'?t|hasn'?t|not) (?:so much as|even) (?:cuddled|hugged|kissed|touched|held hands)\b|\bmiss (?:his|her) body\b|\bmiss being (?:wanted|desired|touched)\b|\bstopped having sex\b|\bdon'?t have sex anymore\b|\bnot since (?:the )?(?:baby|birth)\b", False),
    ("mismatched_needs", r"\b(?:she|he|i) wants? to (?:go out|stay in|travel|socialise|see people)\b[^.;!?]{0,60}\b(?:i|he|she) (?:just )?(?:want|wants|prefer|prefers) (?:to )?(?:stay|go|be|quiet|her|him)\b|\b(?:she|he)(?:'s| is) a homebody\b|\bi'?m a homebody\b|\bsex drives? (?:are )?(?:totally |completely |very )?different\b|\bwants? sex (?:a lot |way |much |far )?more (?:often )?than (?:me|i do)\b|\bdifferent (?:pages|directions|lives|futures)\b|\bpulling in different directions\b|\bwants? (?:totally |completely )?different (?:things|lives)\b|\bthe one who wants more\b", False),
    ("mismatched_needs", r"\bi (?:need|want) (?:a lot of )?(?:words|reassurance|to talk|talking)\b[^.;!?]{0,40}\b(?:he|she|my husband|my wife|my partner) (?:shows|wants|prefers)\b|\b(?:wants?|want) (?:kids|children|a baby),? (?:i'?m|he'?s|she'?s) not sure\b|\bready to get married and (?:she|he) (?:says )?(?:never|doesn'?t)\b|\bi want (?:him|her) to (?:ask|talk|notice|listen)\b", False),
    ("long_distance", r"\b(?:a|the|her|his|my) (?:year|semester|term|few months|six months) abroad\b|\b(?:is|was|been|got|being|he'?s|she'?s|i'?m) posted to\b|\blive (?:\w+ ){1,2}(?:hours?|miles|km) apart\b|\b(?:only )?home every (?:other )?(?:weekend|fortnight)\b|\b(?:weeks?|fortnight|months?) at a time\b|\bthe distance thing\b|\bcommutes? (?:\w+ ){0,4}(?:and )?comes? back (?:on )?(?:a )?(?:wednesday|thursday|friday|saturday|weekend)\b", True),
    ("mismatched_needs", r"\b(?:he|she) needs? (?:\w+ ){0,3}(?:space|time alone|alone time)\b[^.;!?]{0,40}\bi (?:need|want)\b|\bi (?:need|want) [^.;!?]{0,50}\b(?:he|she) needs? (?:\w+ ){0,3}(?:space|time alone|alone time)\b", False),
    ("in_laws", r"\b(?:his|her|their|my (?:husband|wife|partner|boyfriend|girlfriend)'?s) (?:parents|family|mum|mom|mother|dad|father|sister|brother|relatives) (?:come|comes|stay|stays|turn up|turns up|drop in|drops in|pop round|pops round)\b[^.;!?]{0,40}\b(?:every|whenever|without asking|all the time)\b|\b(?:his|her) (?:mum|mom|mother|dad|father|family|parents) (?:has|have) an opinion on everything\b|\b(?:his|her|partner'?s|husband'?s|wife'?s) family (?:don'?t|doesn'?t|won'?t|never) (?:speak|talk|include|like|accept|invite)\b|\btells? (?:his|her|their) (?:mum|mom|mother|parents|family) everything\b", True),
    ("new_job", r"\bjoined (?:a|the) new (?:firm|company|team|practice|school|hospital)\b|\bnew (?:firm|employer|workplace)\b|\bstart(?:ed|ing)? (?:my|his|her|a) (?:first |new )?\w+ job\b|\btook over as\b|\bjust qualified\b", False),
    ("long_hours", r"\b(?:at work|at the office|works?|working|in the office) (?:till|until|to) (?:eight|nine|ten|eleven|midnight)\b|\bworks? (?:six|seven|6|7) days a week\b|\bout of the house from \d+ ?am\b|\blate finishes\b", True),
    ("new_baby", r"\b(?:since|after|before) (?:she|he|they|the baby|our (?:son|daughter|baby|girl|boy|little \w+)) (?:arrived|came along|was born|were born)\b|\b(?:turned|turns) (?:one|two|1|2)\b|\bexpecting (?:our|a|twins|baby)\b", False),
    ("new_job", r"\bnew contract\b|\b(?:weeks|months|days) into (?:a|his|her|my|the) new\b|\bgot (?:the|a|my) (?:\w+ ){0,2}job (?:i|he|she|we) (?:always )?(?:wanted|dreamed)\b", False),
    ("long_hours", r"\bleaves? (?:at|before) [4-7]\b[^.;!?]{0,40}\b(?:back|home) (?:after|at|around) (?:[7-9]|1[0-2])\b|\bnever sees (?:me|him|her|us|the kids)\b", True),
    ("infidelity", r"\b(?:meeting|seeing|meeting up with) someone (?:from|at) (?:work|the gym|the office|church|uni)\b|\bemotional affair\b", True),
    ("long_distance", r"\bcruise ships?\b|\b(?:on the ships|on a ship)\b|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten) months on\b", True),
    ("addiction", r"\bcasino\b|\b(?:the|on|online) slots\b|\bslot machines?\b|\bonline betting\b|\bbetting apps?\b", True),
    ("money", r"\bbehind on (?:the |our )?(?:rent|bills|council tax|mortgage|payments|everything)\b|\bdrowning in debt\b|\bstruggling to make ends meet\b|\bmake ends meet\b", True),
    ("money", r"\bmoney(?:'s| is| has been) (?:so |really |very |super )?tight\b", True),
    ("new_baby", r"\b(?:she'?s|he'?s|they'?re) (?:only |just |nearly |almost )?(?:[1-9]|1[0-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:weeks|months)(?: old)?\b(?! into| in\b| sober| clean| pregnant| late)", False),
    # -- wording families added for issue 18: everyday ways of saying each, read generally
    ("new_baby", r"\b(?:our|my|the|her) (?:first|second|third|fourth|1st|2nd|3rd|youngest|baby|daughter|son|twins|little one|little boy|little girl)(?: was| were) born\b|\b(?:he'?s|she'?s|they'?re|(?:our|the|my) (?:baby|daughter|son|little one|little boy|little girl|boy|girl)(?:'s| is)|(?:the|our) twins are) finally here\b", False),
    ("new_job", r"\b(?:just )?start(?:ed|ing|s)? (?:teaching|lecturing|nursing|training|working) (?:at|in|for|with) (?:a|the|an)\b", False),
    ("long_hours", r"\b(?:insane|crazy|silly|mad|ridiculous|brutal|stupid|unsocial|antisocial|punishing|gruelling|grueling|horrendous|ungodly) hours\b|\b(?:dubble|doubel|double) shifts?\b", True),
    ("illness", r"\b(?:he|she|i)(?:'s| is| has| was)? been (?:really |so |very |quite )?(?:depressed|unwell|ill|poorly)\b", False),
    ("long_distance", r"\b(?:doing|do|does|did) distance\b(?! running)|\b(?:is|lives?|living|studying|at uni|at university|at college|works?|working|based) in (?:another|a different) (?:city|country|state|town)\b", True),
    ("addiction", r"\bdrinking (?:has |had )?(?:got|gotten|become|getting|gone) (?:really |so |very |much |a lot )?(?:bad|worse|heavy|heavier|out of hand|out of control)\b|\b(?:beer|beers|wine|cans|vodka|drinks|whisky) (?:till|until) (?:he|she) (?:falls asleep|passes out|can'?t stand)\b", True),
    ("money", r"\bsaving (?:up )?(?:hard )?for (?:a|the|our|my) (?:house|home|deposit|flat|mortgage|wedding)\b|\bevery spare (?:penny|pound|cent|dollar)\b|\b(?:worr\w*|stress\w*|anxious|panick\w*) (?:about|over) (?:paying )?(?:the )?bills\b", True),
    ("in_laws", r"\b(?:every|each|all) (?:\w+ ){0,2}(?:at|with|round at|round|over at) (?:his|her|their) (?:parents|family|mum|mom|mother|folks|dad|father)(?:'s|'|s')?(?! (?:is|are) (?:lovely|great|fine|nice))\b", True),
    ("no_affection", r"\b(?:sex|touch|touching|intimacy|affection|kissing|cuddling|cuddles)(?: and (?:sex|touch|touching|intimacy|affection|kissing|cuddling|cuddles))? (?:has |have )?(?:just |basically |completely |totally |kind of |all )?(?:stopped|vanished|disappeared|died|dried up|went out the window|fizzled out)\b|\bgone off (?:touch|sex|being touched|intimacy|anything physical)\b|\b(?:scared|afraid|frightened) to touch me\b|\b(?:hug|kiss|touch|cuddle|hold)(?:s|es)? me and i (?:pull|flinch|tense|stiffen|freeze)\b", False),
    ("mismatched_needs", r"\b(?:he|she|my (?:partner|husband|wife|boyfriend|girlfriend)|wife|husband|hubby|partner|bf|gf)(?: just| only| really| always)? wants? to [^.;!?]{0,60}(?:,|\band\b|\bbut\b|\bwhile\b|\bwhereas\b) i (?:just |really )?(?:want|need|prefer|would rather|'d rather|don'?t want)\b|\b(?:he|she|my (?:partner|husband|wife|boyfriend|girlfriend)|wife|husband|hubby|partner|bf|gf)(?: just| only| really| always)? wants? to (?:go|travel|move|start|have|buy|sell|spend)\b[^.;!?]{0,40}(?:,|\band\b|\bbut\b) i (?:can'?t|cannot)\b", False),
    ("mismatched_needs", r"\b(?:he|she|i)(?: just| only| always)? wants? to stay (?:in|home|at home)\b[^?!]{0,100}\b(?:i|he|she)(?: just| really)? (?:want|wants|need|needs) to (?:go out|get out|do things|travel|see people|socialise|socialize)\b|\b(?:he|she|i)(?: just| really)? wants? to (?:go out|get out|do things|travel|see people|socialise|socialize)\b[^?!]{0,100}\b(?:i|he|she)(?: just| only| always)? wants? to stay (?:in|home|at home)\b|\bwants? to stay (?:in|home)[^.;!?]{0,40}\b(?:and|but) i'?m (?:going stir crazy|bored|climbing the walls|desperate to)", False),
    ("addiction", r"\bdrinks? to (?:cope|forget|numb|escape|get through|deal|switch off)\b|\bdrinking (?:most|every|all) (?:nights|evenings|days|night|evening|day)\b|\bporn (?:problem|addiction|habit)\b", True),
    ("money", r"\b(?:couldn'?t|could not|cannot|can not) afford\b(?! to (?:lose|quit|leave|take|stop|give up|let))|\bevict(?:ed|ion)\b|\blost (?:the|our|my|his|her) (?:house )?(?:deposit|savings|life savings)\b", True),
    ("moving", r"\bevicted\b", True),
    ("work_from_home", r"\b(?:both|we'?re|we are|we) (?:\w+ )?hybrid\b|\bhybrid now\b|\bshare an? (?:office|desk|study) at home\b|\b(?:company|job|work|firm) went (?:fully |completely )?remote\b", True),
    ("long_distance", r"\bvisa (?:issues|problems|delays?|applications?|process|situation)\b|\b(?:been|lived|living) apart (?:for )?(?:\d+|a|one|two|three|six|several|many) (?:weeks|months|years|year|month)\b|\b(?:he|she|gf|bf|girlfriend|boyfriend|wife|husband|partner)(?:'s| is)? (?:doing|studying|working|living|based|teaching) (?:\w+ ){0,3}(?:abroad|overseas)\b", True),
    ("in_laws", r"\b(?:his|her|partner'?s|husband'?s|wife'?s) (?:mum|mom|mother|dad|father|parents|family|sister|brother) (?:has|have) (?:always |never )?been (?:so |very |really )?(?:critical|controlling|cold|rude|difficult|hostile|judgmental|judgemental|nasty|awful|against)\b|\b(?:my|his|her) (?:brother|sister|mum|mom|dad|parents|family|mother|father)(?: and (?:his|her|their) [\w ]{1,20})? (?:is|are|has been|have been) (?:staying|living) with us\b", True),
    ("empty_nest", r"\bthe last of (?:our|the|my) (?:\w+ )?(?:kids |children |boys |girls )?(?:moved out|left home|left|flew the nest|went (?:off )?to (?:uni|university|college)|has gone|has left)\b", False),
    ("illness", r"\b(?:got|gotten|become|becoming|getting) (?:really |so |very |quite )?(?:depressed|ill|unwell)\b", False),
    ("long_hours", r"\bnights (?:at|in|on) (?:the|a) (?:warehouse|hospital|factory|depot|plant|site|care home|station|bakery|prison)\b|\bglued to (?:his|her) (?:work|work emails|work phone|emails)\b", True),
    ("screens", r"\bplays? online\b|\bto game\b|\bgames? (?:for )?(?:\d+|six|five|four|eight) hours\b", True),
    ("infidelity", r"\bhaving '?(?:a thing|a fling|an? (?:emotional )?affair|something)'? with\b|\b(?:a thing|a fling|something going on) with (?:a|some|another|this) (?:guy|girl|man|woman|bloke|lad|colleague|coworker|co-worker)\b", False),
    ("retirement", r"\b(?:finished|stopped|given up|gave up|quit) work(?:ing)? for good\b", True),
    ("no_affection", r"\bcan'?t (?:bear|stand) (?:to be|being) touched\b|\b(?:don'?t|doesn'?t) want to be touched\b|\bused to (?:hold my hand|hug me|kiss me|cuddle me|reach for me)\b[^?!]{0,40}\bnow\b", False),
    ("mismatched_needs", r"\b(?:higher|lower|bigger|stronger) (?:sex drive|libido) than\b|\b(?:i'?d|i would|i) (?:like|want) (?:it|sex) (?:a lot |way |much |far |so much )?more\b|\bshow (?:it|love|affection) differently\b|\b(?:he|she|my (?:partner|husband|wife|boyfriend|girlfriend)) wants? [^.;!?]{0,60}(?:,|\band\b|\bbut\b|\bwhile\b|\bwhereas\b) i'?m (?:happy|content|fine) (?:just |with )", False),
    ("illness", r"\beating disorder\b|\banorexi(?:a|c)\b|\bbulimi(?:a|c)\b|\bfibro\b|\b(?:had|having|since|after|from) (?:a|his|her|my) (?:nervous |mental )?breakdown\b|\bon (?:sick leave|long-term sick|long term sick)\b", False),
    ("money", r"\bbankrupt(?:cy)?\b|\bdebt collectors?\b|\bpayday loans?\b|\bin the red\b", True),
    ("new_job", r"\b(?:on|in (?:his|her|my|the)) probation(?:ary period)?\b|\bfirst (?:week|weeks|month|months) (?:at|in) (?:the|his|her|my) new\b", False),
    ("arguing", r"\bquarrel(?:s|ling|led|ing)?\b|\bat loggerheads\b", True),
    ("long_hours", r"\b(?:ten|eleven|twelve|thirteen|fourteen|sixteen|twenty[- ]four)[- ]hour (?:days|shifts|nights|shift)\b", True),
    ("moving", r"\bmoved (?:somewhere|to somewhere) (?:smaller|cheaper|bigger|new|else|further)\b", True),
    ("in_laws", r"\bat (?:his|her|their) (?:parents|family|mum|mom|folks|mother|dad)(?:'s|'|s')? (?:\w+ )?(?:every|each|most) (?:weekend|sunday|saturday|holiday|night|day)\b", True),
    ("mismatched_needs", r"\b(?:he|she) wants? to (?:go out|get out|do things|travel|see people|see friends|socialise|socialize)\b[^?!]{0,100}\bi'?d (?:much )?(?:rather|prefer(?: to)?) (?:stay|be) (?:in|home|at home)\b", False),
    # -- word classes added 2026-12-07 (branch sit10): a situation's everyday vocabulary, read
    # as a class (a kind of gamble, a chronic condition, a partner somewhere else), not phrases
    ("new_baby", r"\b(?:the |our |a |new )?(?:bub|bubba)\b(?= (?:just |finally )?(?:arrived|came|was born|is (?:only |just |nearly )?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:weeks?|months?)))|\b(?:our|the|new) (?:bub|bubba)\b", False),
    ("addiction", r"(?<!play )(?<!plays )(?<!playing )\bpoker\b(?! night| with)|\b(?:pokies|bookies|bookmakers?|roulette|blackjack|scratch ?cards|sportsbook|sports betting|fruit machines?|fixed odds)\b|\bwine o'?clock\b|\b(?:drinking|gambling|betting|poker|drug|coke|cocaine|weed|pill|porn|vaping|booze) (?:habit|binges?|benders?)\b|\bon (?:a|another|one of his|one of her) (?:bender|binge)\b", True),
    ("illness", r"\b(?:crohn'?s|colitis|endometriosis|lupus|arthritis|epilepsy|migraines|chronic illness|chronically ill|autoimmune|kidney (?:disease|failure)|heart condition|flare[- ]?ups?|bad flare|seizures|a tumou?r|brain injury|post[- ]?natal depression|psychosis|schizophrenia|ocd)\b|\b(?:i'?m|he'?s|she'?s) the (?:sick|ill|poorly) one\b", False),
    ("arguing", r"\b(?:we|they) (?:just )?snipe\b|\bsnip(?:e|ing) at each other\b|\blittle digs\b|\bdigs at (?:each other|me|him|her)\b|\bconstant(?:ly)? (?:bickering|sniping|digs|point[- ]scoring)\b", True),
    ("long_hours", r"\bmarried to (?:his|her|their|my) (?:job|work|career|company|business)\b|\bwork(?:s|ing)? (?:\w+ )?(?:[5-9]\d|1\d\d)\+? ?(?:hours?|hrs?)\b", True),
    ("screens", r"\b(?:glued to|buried in|stuck on|always on|lost in) (?:my|our|his|her|their) (?:laptops?|phones?|ipads?|tablets?|screens?|switch|consoles?)\b|\b(?:spend|spent|spending) (?:it|them|the (?:evening|evenings|night|nights|weekend|weekends)) (?:on|scrolling|watching|gaming|glued to) (?:our|my|his|her|their|the) (?:laptops?|phones?|ipads?|tablets?|screens?)\b", True),
    ("long_distance", rf"\b(?:she|he)(?:'s| is) in {_PLACE},? (?:and |while |but |whereas )?i'?m (?:still )?in {_PLACE}|\bi'?m in {_PLACE},? (?:and |while |but |whereas )?(?:she|he)(?:'s| is) in {_PLACE}|\b(?:working|works|living|lives|based|studying|posted|stationed) (?:\w+ ){{0,2}}interstate\b|\b(?:working|living|studying|based|posted|stationed) in [a-z]+(?: [a-z]+)? for (?:a|the|one|two|three|six|\d+) (?:year|years|months?|semesters?|terms?)\b[^.;!?]{{0,40}}\b(?:and|while|but) i'?m (?:still )?(?:here|at home|back home)\b", True),
    ("in_laws", r"\b(?:my|his|her|our) (?:parents|family|mum|mom|mother|dad|father)(?: still)? (?:don'?t|doesn'?t|won'?t|never|refuse to|can'?t) (?:accept|approve of|like|respect|welcome|acknowledge)\b(?! (?:it|that|this|the|how|when|what)\b)", True),
    ("no_affection", r"\bused to (?:be )?(?:\w+ ){0,4}(?:touchy[- ]feely|affectionate|cuddly|physical|all over each other|hold(?:ing)? hands|cuddl\w+|kiss\w*|hug\w*)\b[^?!]{0,60}\b(?:now|these days|lately)\b[^.;!?]{0,20}\b(?:nothing|not|never|none|no|barely|hardly)\b|\bpulls? (?:her|his) hands? away\b|\b(?:pulls|pulled|moves|moved|flinches|shrugs) away when i (?:go to |try to )?(?:hold|hug|kiss|touch|cuddle|reach)\w*", False),
]
# fmt: on
_COMPILED = [(slug, re.compile(pattern), deniable) for slug, pattern, deniable in _RULES]
# Situations whose phrases are not read again as another ("lost our baby", "kids moved out").
_CLAIMS = frozenset({"grief", "empty_nest"})

# What is said before a situation in its clause to rule it out.
_DENY_BEFORE = re.compile(
    r"(?:\b(?:no|not|never|without|nothing to do with|nobody'?s?|no one'?s?|neither of us|isn'?t|aren'?t|wasn'?t|weren'?t|"
    r"don'?t|doesn'?t|didn'?t|haven'?t|hasn'?t|hadn'?t|won'?t|not about|not because of|no more|plenty of|enough)\b|n't)"
    r"(?:\s+[\w']+){0,2}\s*$"
    r"|\b(?:fine|ok|okay|comfortable|sorted|good) (?:on |for |with )?$"
    r"|\bnot (?:worried|bothered|concerned|thinking) about(?:\s+[\w']+){0,2}\s*$"
    r"|\bnot that(?:\s+[\w']+){0,3}\s*$"
)
_DENY_AFTER = re.compile(
    r"^[^.;!?]{0,25}?(?:\b(?:is|are|was|were|has been|have been)|'s|'re)\s+(?:\w+\s+)?"
    r"(?:fine|ok|okay|good|great|lovely|sorted|normal|manageable|reasonable|not the (?:problem|issue)|not an issue|not a problem)\b"
    r"|^[^.;!?]{0,40}?\band (?:we )?(?:were|was) (?:fine|ok|okay|good|great|happy)\b"
    r"|^ (?:problems?|issues?|worries)? ?(?:are|is) (?:fine|ok)\b"
    r"|^[^.;!?]{0,40}?\bbut (?:they'?re|it'?s|they are|it is) (?:pretty |quite |fairly |very )?(?:regular|normal|fine|ok|okay|manageable|reasonable)\b"
    r"|^[^.;!?]{0,60}[.;!?,]?\s*(?:but )?(?:that'?s|it'?s|that is|it is) not (?:the (?:real |main )?(?:issue|problem|reason)|what(?:'s| is) (?:driving|wrong|going on)|really (?:it|that)|a problem|an issue|why)\b"
    r"|^[^.;!?,]{0,30}\b(?:is|are) (?:years |long |well )?behind us\b"
    r"|^[^.;!?]{0,10}\bbut (?:it|that) (?:isn'?t|wasn'?t|is not|was not|'s not)\b"
    r"|^\s*[?]\s*(?:nah|nope|no|not really)\b"
    r"|^[^.;!?]{0,40}?\b(?:we'?ve|we have|we) (?:always |long since )?(?:made it work|make it work|got used to it|are used to it|coped fine|managed fine)\b"
)
_SKIP_BEFORE = {
    "new_baby": re.compile(
        r"\b(?:like|trying for|want|wants|wanted|for|about having|having|have|talk of|"
        r"whether to have)\s+$"
    ),
}
_PAST_BEFORE = re.compile(
    r"\b(?:did|used to(?: [\w']+)?|after years of|miss(?:ed)? the|cleared (?:the|our|my|all the)|paid off (?:the|our|my|all the)|(?:we|i) were|when we first (?:met|started|got together)[^.;!?]*)\s+$"
)
# Said of the past after it ("we argued loads years ago", "debts cleared last year").
_PAST_AFTER = re.compile(
    r"^[^.;!?,]{0,30}\b(?:years ago|ages ago|back then|when we (?:first )?(?:met|started)|in our first|at the start|long ago|before we (?:met|got together))\b"
    r"|^ (?:cleared|paid off|long gone|are long gone|all sorted)\b"
    r"|^ (?:used to be|was once|were once)\b"
)
# Said of an earlier stage of life ("depression in my twenties", "moved here as a kid"):
# rules out even wording that cannot be denied.
_LONG_PAST_AFTER = re.compile(
    r"^[^.;!?,]{0,30}\b(?:in my (?:teens|twenties|thirties|youth)|as a (?:kid|child|teenager)|"
    r"when (?:she|he|i) was (?:a )?(?:teenager|kid|child|little|young)|before we (?:met|got together))\b"
)
# Only planned or wished for ("we always said we'd retire", "wants to downsize").
_WISHED_BEFORE = re.compile(
    r"\b(?:wants? to|wanted to|plan(?:s|ning)? to|thinking (?:about|of)|talking about|would like to|'d like to|"
    r"hoping to|we'?d|we would|said we'?d|going to|might)(?:\s+[\w']+){0,3}\s*$"
)
_WISHED_AFTER = re.compile(
    r"^[^.;!?]{0,30}\b(?:someday|some day|one day|eventually|in (?:\d+|ten|five|a few) years)\b"
)
# Situations that are new by name: said of years ago, they are over.
_NEW = frozenset({"new_baby", "new_job"})
_WISHED = frozenset({"moving", "retirement", "new_job", "long_distance", "work_from_home"})
# A situation only imagined ("if he ever cheated", "what if we move") is not stated.
_HYPOTHETICAL_BEFORE = re.compile(
    r"\b(?:what if|imagine|if (?:\w+ ){0,2}(?:ever|were to|was to|had|would)|if (?:i|he|she|we) (?:took|take|takes|got|get|gets|moved|move|went|go)|what would happen)\b[^.;!?]*$"
)
# Someone else's relationship, named as the subject of the sentence ("my friend's husband
# cheated", "my sister and her husband argue"): not the person's own situation.
_OTHER_COUPLE = re.compile(
    r"\b(?:my|our|a) (?:best |close |old )?(?:friend|mate|sister|brother|mum|mom|dad|parents|"
    r"colleague|coworker|co-worker|cousin|neighbour|neighbor|boss|son|daughter|aunt|uncle|"
    r"sister-in-law|brother-in-law)(?:'s|s'| and (?:her|his|their) (?:\w+))(?:\s+\w+){0,6}\s*$"
    r"|\b(?:my|our|a) (?:best |close |old )?(?:friends?|mates?|sisters?|brothers?|mum|mom|dad|parents|"
    r"colleagues?|coworkers?|co-workers?|cousins?|neighbours?|neighbors?|aunt|uncle)"
    r"(?:\s+(?:just|recently|also|has|had|have|is|was|got|gets|a|an|the|been|started|starting|"
    r"having|who|that|always|used to))*\s*$"
)
# A situation named in a comparison is not stated: "I feel like I've lost my best friend",
# "we're like co-workers on a night shift".
_SIMILE_BEFORE = re.compile(
    r"\b(?:like|as if|as though)(?: i'?ve| i have| i'?d| i| we'?ve| we| we'?re| he'?s| she'?s)?\s*$"
    r"|\b(?:like|basically|just|more like) (?:two |a couple of |a pair of )?(?:co-?workers|colleagues|flatmates|roommates|"
    r"housemates|strangers|business partners|zombies|robots|soldiers|ships)\b[^.;!?]{0,30}$"
)
_SIMILE = frozenset({"grief", "long_hours", "long_distance"})
# A word in scare quotes is doubted, not stated: "he's been 'working late'", "our 'baby' is 7".
_QUOTES = frozenset("'\"")
# "my baby" is often the partner: a new baby only when the message speaks of one.
_MY_BABY = re.compile(r"my bab(?:y|e)$")
# "she was our baby" of a pet that died, or of someone grown: not a new baby.
_WAS_BABY = re.compile(r"\b(?:he|she|it|they) (?:was|were) $")
_BABY_CUES = re.compile(
    r"\b(?:born|birth|newborn|pregnan\w*|nappies|nappy|diapers?|feeds?|feeding|bottles?|cot|crib|pram|"
    r"buggy|maternity|paternity|midwife|labour|labor|formula|breast\w*|nursery|teething|(?:weeks?|months?)[- ]old|"
    r"crying|colic\w*|sleepless|nap|naps|her baby|our baby|the baby)\b"
)
# An affair in the past still weighs unless the message says it is dealt with.
_RESOLVED = re.compile(
    r"\b(?:behind us|worked through it|moved past it|moved on from it|(?:made|at) (?:our )?peace|forgiven|"
    r"(?:this|it) (?:isn'?t|is not|'s not) (?:about )?(?:that|it)|not (?:the|our) (?:issue|problem)|long over|"
    r"got (?:through|past|over) (?:it|that|all that|the affair|the cheating)|(?:this|it) (?:is|'s) (?:something )?different)\b"
)
_EX = re.compile(r"\b(?:my|his|her) ex(?:-\w+)?\b(?:\s+[\w']+){0,5}\s*$")
# Cheating said not to have happened ("nobody's cheated", "he never cheated").
_DENY_INFIDELITY = re.compile(r"\b(?:nobody'?s?|no one'?s?|neither of us|never)(?:\s+\w+)?\s*$")
# Situations that can belong to another couple in the family; grief, in-laws and illness
# are the person's own even when a relative is named ("my mum died").
_OWN_ONLY = frozenset(
    {
        "new_baby",
        "new_job",
        "long_hours",
        "screens",
        "infidelity",
        "long_distance",
        "addiction",
        "arguing",
        "no_affection",
        "mismatched_needs",
        "moving",
        "retirement",
        "work_from_home",
        "empty_nest",
        "money",
    }
)
_SENTENCE = re.compile(r"[.;!?]")
# Working from home is a couple's situation only when both are at home ("we", "both").
_TOGETHER = re.compile(
    r"\b(?:we|we'?re|we'?ve|both|together|us|each other|(?:he|she|i) (?:do|does) (?:too|as well)|so do i|so does (?:he|she)|so did (?:i|mine|my \w+)|and (?:so did|so has) mine|me too)\b"
)
# A phone where evidence was found is not a screen habit ("messages on his phone").
_NOT_SCREENS = re.compile(
    r"\b(?:messages|texts|photos|pictures|chats|dms|emails|stuff|something|things|apps?) "
    r"(on (?:his|her|their) phones?)\b|\b(?:went|go|going|gone|looked|looking|been) through "
    r"((?:his|her|their) phones?)\b|\bi (?:still )?(?:check|checked|unlocked|looked at|look at|go through) ((?:his|her|their) phones?)\b"
    r"|(on (?:his|her|their|the) (?:laptop|phone|computer)) (?:catching up|working|for work|doing work|answering emails|every minute|to (?:his|her) (?:boss|work|clients|mum|mom))\b"
    r"|\b(?:left|forgot|lost|dropped|broke|charged|charging) ((?:my|his|her|the) phones?)\b"
    r"|\bwhen ((?:his|her|their) phones?) (?:goes|go|rings|buzzes|pings|lights up|beeps)\b"
    r"|\b(?:second|secret|burner) (phone)\b|(on the phone)\b|(on (?:my|his|her|their) phones?) to\b"
)
# Money a partner controls is control, not money worries ("if i spend money without asking
# he goes quiet and scary", "he takes my wages"): the safety screen reads it.
_NOT_MONEY = re.compile(
    r"\b(?:spend|spends|spent|spending|use|touch) ((?:any |my |our |the )?money) without\b"
    r"|\b(?:controls?|controlling|keeps?|took|takes|taking|checks?|checking) "
    r"((?:all )?(?:my|our|the) (?:money|finances|bank|savings|wages|pay))\b"
)
# Games played together or a games night: time together, not a screen habit.
_TOGETHER_GAMES = re.compile(
    r"\b(?:board |card )?games? (?:together|night)\b|\bplay (?:\w+ )?games? with (?:him|her|me|each other)\b"
)
_CLAUSE = re.compile(r"[.;!?,]|\bbut\b|\bhowever\b|\bthough\b|\bexcept\b")
_POSITIVE_FAMILY = re.compile(
    r"\b(?:lovely|great|fine|nice|kind|get on (?:great|well)|supportive|amazing)\b"
)
_NO_MOVE_CONTEXT = re.compile(r"\b(?:moved on|move on|moving on)\b")


_INFIDELITY = [re.compile(p) for slug, p, _ in _RULES if slug == "infidelity"]
# Two named places, one the partner's and one the person's own ("he's doing his masters in
# Leeds and I am in Hyderabad", "I'd stay in Bristol"): read on the text as written, since
# a place is known by its capital letter.
_APART = re.compile(
    r"\b(?:in|to|at) (?P<there>[A-Z][a-z]+)\b[^.;!?]{0,80}?\b(?:and|while|but|so)\b[^.;!?]{0,25}?"
    r"\b(?:I'?m|I am|I'd stay|I stayed|I stay|I live|I'm stuck|me) (?:still |here |back |stuck )*in "
    r"(?P<here>[A-Z][a-z]+)\b"
)


def _in_sentence(text: str, start: int, marks: list[int]) -> bool:
    """Whether any of ``marks`` (offsets) is in the sentence around ``start``."""
    head = max((m.end() for m in _SENTENCE.finditer(text, 0, start)), default=0)
    tail = _SENTENCE.search(text, start)
    end = tail.start() if tail else len(text)
    return any(head <= mark < end for mark in marks)


@dataclass(frozen=True)
class Found:
    """A situation stated in the text: its slug and where."""

    situation: str
    start: int
    end: int


def normalise(text: str) -> str:
    """Lowercase with plain apostrophes and dashes (offsets unchanged)."""
    table = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-"})
    low = text.translate(table).lower()
    return low if len(low) == len(text) else text.translate(table)


def clause_before(text: str, start: int) -> str:
    """The words of the clause before ``start`` (back to a comma, "but", a full stop)."""
    head = text[:start]
    cut = max((m.end() for m in _CLAUSE.finditer(head)), default=0)
    return head[cut:]


def _sentence_before(text: str, start: int) -> str:
    head = text[:start]
    cut = max((m.end() for m in _SENTENCE.finditer(head)), default=0)
    return head[cut:]


def _not_own(text: str, start: int, end: int, slug: str) -> str:
    """Why a match is not the person's own situation ("" when it is).

    ``"hypothetical"`` (imagined), ``"someone_else"`` (another couple's), ``"negated"``
    (cheating said not to have happened) or ``"not_together"`` (working from home alone).
    """
    sentence = _sentence_before(text, start)
    if _HYPOTHETICAL_BEFORE.search(sentence):
        return "hypothetical"
    if slug in _OWN_ONLY and (
        _OTHER_COUPLE.search(sentence) or (slug != "infidelity" and _EX.search(sentence))
    ):
        return "someone_else"
    if slug == "infidelity" and _DENY_INFIDELITY.search(clause_before(text, start)):
        return "negated"
    if slug == "work_from_home":
        after = text[end:]
        stop = _SENTENCE.search(after)
        together = _TOGETHER.search(
            sentence + text[start : end + (stop.start() if stop else len(after))]
        )
        return "" if together else "not_together"
    return ""


def _denied(text: str, start: int, end: int, slug: str, deniable: bool | str) -> str:
    """Why a match is ruled out by its wording (``"negated"`` or ``"past"``; "" if not)."""
    if deniable == "after":
        return "negated" if _DENY_AFTER.match(text[end:]) else ""
    before = clause_before(text, start)
    if _DENY_BEFORE.search(before):
        return "negated"
    if _PAST_BEFORE.search(before):
        return "past"
    after = text[end:]
    if _PAST_AFTER.match(after):
        return "past"
    if slug in _WISHED and (_WISHED_BEFORE.search(before) or _WISHED_AFTER.match(after)):
        return "hypothetical"
    if _DENY_AFTER.match(after):
        return "negated"
    clause_after = after[:60].split(".")[0].split(" it's")[0]
    if slug == "in_laws" and _POSITIVE_FAMILY.search(clause_after):
        return "negated"
    return ""


def _doubted(text: str, match: re.Match[str], slug: str) -> str:
    """Why a match is only a figure of speech or doubted ("skip"; "" when it is stated).

    In scare quotes ("'working late'"), named in a comparison ("like I've lost my best
    friend"), or "my baby" in a message that says nothing else of a baby (the partner).
    """
    start, end = match.start(), match.end()
    before = text[start - 1] if start else ""
    if (
        before in _QUOTES
        and text[end : end + 1] == before
        and text[start - 2 : start - 1] in ("", " ")
    ):
        return "skip"
    figure = slug != "grief" or match.group().startswith("los")
    if slug in _SIMILE and figure and _SIMILE_BEFORE.search(clause_before(text, start)):
        return "skip"
    if slug == "new_baby" and _WAS_BABY.search(text[:start]):
        return "skip"  # "she was our baby" (a pet, a figure of speech)
    if slug == "new_baby" and _MY_BABY.search(match.group()):
        rest = text[:start] + " " * (end - start) + text[end:]
        if not _BABY_CUES.search(rest):
            return "skip"
    return ""


def _blank_groups(match: re.Match[str]) -> str:
    """The match with its captured groups blanked out (offsets unchanged)."""
    text = match.group()
    for index in range(1, (match.re.groups or 0) + 1):
        if match.group(index) is not None:
            s, e = match.start(index) - match.start(), match.end(index) - match.start()
            text = text[:s] + " " * (e - s) + text[e:]
    return text


@dataclass(frozen=True)
class RuleReading:
    """What the rules read: the situations stated, and those named but ruled out (and why)."""

    found: list[Found]
    vetoed: dict[str, str]


def rule_reading(text: str, limit: int = 2000) -> RuleReading:
    """The rules' reading of ``text``: stated situations and the guards that ruled others out.

    ``vetoed`` maps a situation whose wording is in the text but was ruled out, and never
    stated elsewhere in it, to why: ``negated``, ``past``, ``hypothetical``,
    ``someone_else``, ``not_together`` or ``skip`` ("trying for a baby").
    """
    low = normalise(text[:limit])
    low = _NO_MOVE_CONTEXT.sub(lambda m: " " * len(m.group()), low)
    work = low
    screens_work = _NOT_SCREENS.sub(_blank_groups, low)
    money_work = _NOT_MONEY.sub(_blank_groups, low)
    found: dict[str, Found] = {}
    vetoed: dict[str, str] = {}
    # A phone in the sentence that tells of cheating is evidence, not a screen habit.
    cheating = [m.start() for p in _INFIDELITY for m in p.finditer(low)]
    for slug, pattern, deniable in _COMPILED:
        text_for = {"screens": screens_work, "money": money_work}.get(slug, work)
        for match in pattern.finditer(text_for):
            skip = _SKIP_BEFORE.get(slug)
            if skip and skip.search(low[: match.start()]):
                vetoed.setdefault(slug, "skip")
                continue
            if slug == "screens" and _in_sentence(low, match.start(), cheating):
                vetoed.setdefault(slug, "skip")
                continue
            why = _denied(low, match.start(), match.end(), slug, deniable) if deniable else ""
            if not why and deniable is False and slug != "no_affection":
                why = "past" if _LONG_PAST_AFTER.match(low[match.end() :]) else ""
            if (
                not why
                and deniable is False
                and slug in _NEW
                and _PAST_AFTER.match(low[match.end() :])
            ):
                why = "past"  # "after the baby years ago": no longer new
            if why == "past" and slug == "infidelity" and not _RESOLVED.search(low):
                why = ""
            why = (
                why or _not_own(low, match.start(), match.end(), slug) or _doubted(low, match, slug)
            )
            if why:
                vetoed.setdefault(slug, why)
                continue
            if slug not in found:
                found[slug] = Found(slug, match.start(), match.end())
            if slug in _CLAIMS:  # its phrase is not read again as another situation
                blank = " " * (match.end() - match.start())
                work = work[: match.start()] + blank + work[match.end() :]
    if "long_distance" not in found:
        place = _APART.search(text[:limit])
        if place and place.group("here") != place.group("there"):
            found["long_distance"] = Found("long_distance", place.start(), place.end())
            vetoed.pop("long_distance", None)
    spans = sorted(found.values(), key=lambda f: f.start)
    # Wording the rules take out before reading (a work laptop, a phone searched for
    # evidence, money a partner controls, games played together) is ruled out for the
    # learnt reader too: it never adds what the rules chose not to read.
    if screens_work != low or _TOGETHER_GAMES.search(low):
        vetoed.setdefault("screens", "skip")
    if money_work != low:
        vetoed.setdefault("money", "skip")
    return RuleReading(spans, {s: w for s, w in vetoed.items() if s not in found})


def read_rules(text: str, limit: int = 2000) -> list[Found]:
    """Every situation the rules find stated in ``text`` (one span each, first wins)."""
    return rule_reading(text, limit).found


def rule_situations(text: str) -> list[str]:
    """The situations the rules alone read, in the order they first appear."""
    return [f.situation for f in read_rules(text)]
