"""Common given names that are used almost only for one sex: a person's likely gender when the article never says
it ("Tom Harper" is not the "she" of the next sentence).

A lexicon of first names, not of people, hand-made from general knowledge of common given names: English-speaking
ones of all generations and those frequent in international news (Arabic, Hispanic, French, German, Italian, Slavic,
Indian, Israeli, African, Japanese), written without accents. Names borne by both sexes often ("Alex", "Jordan",
"Taylor", "Charlie", "Jessie", "Kim", "Sam", "Chris") and names that are also common words, places or brands
("Hope", "Paris", "Mercedes") are mostly left out, and what the article says (an honorific, a pronoun after the name,
"her brother") always comes first.
"""
from __future__ import annotations

MALE = frozenset("""
aaron abdul abdullah abiy abraham adam adrian ahmad ahmed ahmet aidan aiden ajay alain alan albert alejandro aleksandr
alessandro alexander alexei alexey alfie alfonso alfred ali allan alvaro alvin amir amit anand anders andre andreas
andrei andres andrew andrey andrzej andy angelo angus anil anthony antonio anwar archie arjun arnold arthur arturo arun
arvind ashok atiku avraham ayman babatunde barry ben benjamin benoit bernard bernie bilal bill billy binyamin bjorn bob
bobby boris brad bradley brandon brendan brent brett brian bruce bruno bryan caleb callum calvin carl carlo carlos
cesar charles christophe christopher clarence claudio colin connor conor corey craig cyril dale damian damien dan
daniel danny darius darren dave david declan deepak denis dennis derek desmond didier dieter dmitri dmitry dominic
donald doug douglas duncan dustin dylan earl ed eddie edgar eduardo edward edwin ehud elias elijah elliot elliott emeka
emilio emmanuel emmerson emre enrico enrique eric erik ernest ernesto ethan etienne eugene evan evgeny ewan ezra fabio
fahad faisal federico felipe felix fernando francesco francis francois frank fred freddie frederick friedrich fumio
gabriel gareth gary gavin geoffrey george gerald gerard gerhard gianni gilad gilbert gilles giorgio giovanni giuseppe
glenn gonzalo goodluck gordon graham grant greg gregory guillaume guillermo gustav gustavo hamid hamish hamza hans
harold harry harvey hassan hector helmut henri henrik henry herbert hermann hiroshi horace horst hossein howard hugh
hussain hussein ian ibrahim ichiro ignacio igor ilya imran isaac isaiah ismail ivan jack jacob jacques jaime jake jamal
james jared jaroslaw jason javad javier jean-baptiste jean-claude jean-luc jean-marie jean-paul jean-pierre jeff
jeffrey jeremiah jeremy jerome jerry jim jimmy joachim joao joaquin joe joel john johnny jon jonah jonas jonathan jorge
jose joseph josh joshua josiah juan jude jules julian julien julio julius junichiro jurgen justin kamal karim karl
keith kemal ken kenji kenneth kenny kevin khaled khalid khalil kieran kirill klaus kofi konstantin kostas krzysztof
kurt kwame kyle larry lars laurence laurent lawrence leo leon leonard leonardo leonid leroy lewis liam lionel louis
luca lucas luigi luis luiz luke luther magnus mahmoud malcolm mamadou manmohan manoj manuel marc marcel marco marcos
marcus mario mark markus martin marvin marwan massimo matt matteo matthew matthias maurice maurizio mehdi mehmet micah
michael michel miguel mike mikhail mitchell mohamed mohammad moses moshe muhammad muhammadu muhammed mukesh murat
mustafa naftali narendra nasser nathan nathaniel nawaz neil neville niall nicholas nick nicolas nigel nikolai nikos
nnamdi noah nolan olaf oleg oleksandr oliver olivier omar osama oscar otto owen pablo paolo patrick paul pavel pedro
pervez pete peter petro phil philip philippe phillip pierre pietro piotr rafael rahul rajesh rajiv ralph ramon randall
randy rashid raul ravi ray raymond recep reginald reuben reza rhys ricardo richard rick ricky robbie robert roberto
rodrigo roger ron ronald ronan ronnie rory ross roy rupert russell ryan sachin saeed salman salvatore samir samuel
sanjay scott seamus sean sebastian sebastien sergei sergey sergio seth shahbaz shane shimon shinzo shlomo silas silvio
simon stanley stefan stefano stephen steve steven stuart suleiman sunil suresh sven takashi takeshi tarek tariq ted
tedros terence terry thabo theo theodore thierry thomas tim timothy tobias toby todd tom tomas tomasz tommy tony travis
trevor tristan ulrich victor vijay vikram viktor vincent vincenzo vitaly vladimir volodymyr walid walter wayne wesley
wilfred wilhelm willem william willie winston wolfgang wyatt xavier yair yannis yasser yevgeny yitzhak yosef yoshihide
youssef yoweri yusuf yves zach zachary zbigniew
""".split())

FEMALE = frozenset("""
abigail adriana agnes agnieszka aisha aishwarya akiko alejandra alessandra alexandra alice alicia alina alison allison
alyssa amanda amber amelia amelie amina amy ana anastasia andrea angela angelina angie anita anja anjali ann anna
annalena anne annette annie annika antoinette aoife asma astrid audrey ava ayelet ayesha ayse barbara beata beatrice
beatriz becky benazir bernadette beth bethany betsy betty beverly bianca birgit brenda bridget brigitte brittany
brittney brooke caitlin camila carla carly carmen carol carole caroline carolyn carrie cassandra catherine cathy
cecilia celia celine chantal charlene cheryl chiara chimamanda chioma chloe christina christine cindy claire clara
claudia colette colleen connie cora cristina crystal cynthia dalia daniela daria deanna debbie deborah debra deepika
delphine denise diana diane dilma dina divya dolores donna dora doris dorothy edith edna eileen ekaterina elaine
eleanor elena eleni elisa eliza elizabeth ella ellen ellie eloise elsa elsie emilia emily emine emma erica erin erna
esther ethel eva evelyn ewa fatima fatma federica fernanda fiona florence frances francesca francoise freya funmilayo
gabriela gabriella gabrielle gail galina gemma genevieve georgina geraldine gertrude gillian gina giorgia giovanna
gisela giulia gladys gloria golda grace greta gwen hana hanan hannah harriet hasina hayley heather heidi heike helen
helene helga hilda hiroko holly huda ilse imogen ines ingrid irene irina iryna isabel isabella isabelle isla ivana
jacqueline jana jane janet janice jean jeanette jelena jenna jennifer jenny jessica jill joan joanna joanne jodie
johanna josephine josie joyce judith judy julia julie juliet juliette justine kamala karen karin katarzyna kate
katerina katherine kathleen kathryn kathy katie katja katy katya kavita kayla keiko kelly kerstin khadija khaleda
kimberly kirsten kirsty kristen kristin kristina ksenia kylie laila lakshmi laura lauren layla leah leila lesley
leticia lillian lina linda lindiwe lisa lois lola lorena lori louisa louise lucia lucille lucy luisa lupita lynda lynn
lynne lyudmila mabel madeleine madeline maeve magdalena maggie mahsa malala malgorzata mamata manal mandy manon marcela
marcia margaret margot maria mariam mariana marianne marie mariko marilyn marisol marjorie marta martha martina martine
mary maryam masako mathilde maureen maxine mayawati megan melanie melissa meryl mette michelle michiko mildred millie
miriam moira molly mona monica monique muriel nadezhda nadia nadine nancy naoko naomi narges nasrin natalie natalya
natasha nathalie nazanin neda neha ngozi niamh nicole nikki nina nirmala nisha nkosazana nora noriko norma noura oksana
olga olivia paige pamela paola patricia paula pauline peggy penelope phoebe phyllis pippa polina pooja priscilla priya
priyanka rachel rania raquel rebecca rebekah reem rekha renate renee rhiannon rita roberta roisin rosa rosalind rose
rosie ruth sabine sabrina sadie sally salma samantha samira sandra sania sanna saoirse sara sarah scarlett segolene
sharon sheila sheryl shira shirin shirley sian silvia simona sinead siobhan smriti sonia sophia sophie stacey stella
stephanie sunita susan susana susanne sushma susie suzanne svetlana sylvia sylvie tamar tamara tammy tanya tara tatiana
tatyana teresa tessa theresa tiffany tina tomoko tracey tzipi ursula usha ute valentina valeria valerie vanessa vera
veronica veronika veronique vicki vicky victoria viktoria virginia wanda wangari wendy wilma winnie ximena yael yasmin
yekaterina yelena yoko yolanda yuko yulia yuliya yvette yvonne zahra zainab zeynep zoe
""".split())


def given_name_gender(full_name: str) -> str | None:
    """"m" or "f" from the first word of a full name when that given name is almost only one sex's, else None."""
    words = full_name.split()
    if len(words) < 2:
        return None  # a surname alone ("Grant", "Rose") says nothing
    first = words[0].lower()
    return "m" if first in MALE else "f" if first in FEMALE else None
